import { describe, expect, it } from "vitest";
import { DENSE_FEATURES, Featurizer, promptText, queryWindow } from "./features.js";
import { fmix32, fnvString, mulberry32 } from "./hash.js";

const message = (content: string) => ({ role: "user", content, content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] });

describe("hashing", () => {
  it("is stable across runs and platforms", () => {
    expect(fnvString("hello")).toBe(0x4f9f2cab);
    expect(fmix32(0)).toBe(0);
    const a = mulberry32(42);
    const b = mulberry32(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe("Featurizer", () => {
  const f = new Featurizer({ log2_buckets: 16, char_ngrams: [3, 5], head_chars: 1000, query_chars: 1500 });

  it("is deterministic and L2-normalised over the hashed part", () => {
    const first = f.featurize("Write a python function to reverse a string.");
    const x = { index: first.index.slice(), value: first.value.slice() };
    f.featurize("something else entirely, to dirty the reused buffers");
    const y = f.featurize("Write a python function to reverse a string.");
    expect(Array.from(x.index)).toEqual(Array.from(y.index));
    expect(Array.from(x.value)).toEqual(Array.from(y.value));
    let norm = 0;
    x.index.forEach((i, t) => { if (i < f.buckets) norm += x.value[t]! ** 2; });
    expect(norm).toBeCloseTo(1, 5);
    expect(new Set(x.index).size).toBe(x.index.length);
  });

  it("appends every dense marker after the hash buckets", () => {
    const x = f.featurize("```python\nprint(1)\n```\nWhy?");
    const dense = Array.from(x.index).filter((i) => i >= f.buckets).map((i) => DENSE_FEATURES[i - f.buckets]);
    expect(dense).toEqual([...DENSE_FEATURES]);
    const value = (name: string) => x.value[Array.from(x.index).indexOf(f.buckets + DENSE_FEATURES.indexOf(name as never))];
    expect(value("code_fence")).toBe(1);
    expect(value("question_mark")).toBe(1);
    expect(value("bias")).toBe(1);
  });

  it("hashes a bounded window, so a huge prompt has a bounded number of features", () => {
    const huge = "lorem ipsum dolor sit amet ".repeat(4000);
    const x = f.featurize(huge);
    expect(x.index.length).toBeLessThan(3 * 1500 + 2 * 1000 + DENSE_FEATURES.length);
  });

  it("handles empty text", () => {
    const x = f.featurize("");
    expect(x.index.length).toBe(DENSE_FEATURES.length);
  });
});

describe("prompt windows", () => {
  it("takes the last paragraph as the query unless it is too short", () => {
    expect(queryWindow("few-shot example\n\nthe actual question comes here, long enough", 100)).toBe("the actual question comes here, long enough");
    expect(queryWindow("a long first paragraph about something\n\nok", 100)).toBe("a long first paragraph about something\n\nok");
    expect(queryWindow("x".repeat(50), 10)).toBe("x".repeat(10));
  });

  it("joins message contents in order", () => {
    expect(promptText([message("only")])).toBe("only");
    expect(promptText([message("system rules"), message(""), message("question")])).toBe("system rules\n\nquestion");
  });
});
