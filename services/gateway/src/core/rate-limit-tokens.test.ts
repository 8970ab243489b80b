import { describe, expect, it } from "vitest";
import { estimateInputTokens } from "../../../common/src/index.js";
import { rateLimitTokens } from "./rate-limit-tokens.js";

describe("tokens a request counts against the per-minute limit", () => {
  const messages = [{ role: "user", content: "How many tokens is this?" }];

  it("is the prompt estimate plus max_tokens, else the default", () => {
    const prompt = estimateInputTokens([{ content: "How many tokens is this?" }]);
    expect(rateLimitTokens({ messages, max_tokens: 50 }, 4096)).toBe(prompt + 50);
    expect(rateLimitTokens({ messages, max_completion_tokens: 20, max_tokens: 50 }, 4096)).toBe(prompt + 20);
    expect(rateLimitTokens({ messages }, 4096)).toBe(prompt + 4096);
  });

  it("never throws on a body that validation will reject", () => {
    expect(rateLimitTokens(null, 10)).toBe(0);
    expect(rateLimitTokens("text", 10)).toBe(0);
    expect(rateLimitTokens({ messages: [null, { content: [{ type: "text", text: "x" }] }], max_tokens: -3 }, 10)).toBeGreaterThan(10);
    expect(rateLimitTokens({ model: "router" }, 10)).toBeGreaterThan(10);
  });
});
