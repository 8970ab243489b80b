import { describe, expect, it } from "vitest";
import { countCl100kTokens, preloadTokenizer, tokenizerLoaded } from "./tokenizer.js";

describe("tokenizer", () => {
  it("loads on first use, or at once when preloaded, and counts cl100k tokens", () => {
    // this file's worker has not counted anything yet
    expect(tokenizerLoaded()).toBe(false);
    preloadTokenizer();
    expect(tokenizerLoaded()).toBe(true);
    expect(countCl100kTokens("hello world")).toBe(2);
    expect(countCl100kTokens("")).toBe(0);
    // a special-token marker is plain text, not a refused special token
    expect(countCl100kTokens("<|endoftext|>")).toBeGreaterThan(1);
  });
});
