import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { chatRequestSchema } from "./chat-request.js";
import { acceptPlainRequest } from "./plain-chat-request.js";

// values near every edge the schema draws, valid and not, for each field
const anyValue = fc.oneof(
  fc.constant(undefined), fc.constant(null), fc.boolean(), fc.string({ maxLength: 3 }), fc.constant(""),
  fc.integer({ min: -3, max: 5 }), fc.double({ min: -1, max: 3, noNaN: true }), fc.constant(Number.MAX_SAFE_INTEGER + 2),
  fc.constant(1.5), fc.constant(2), fc.constant(0), fc.array(fc.string({ maxLength: 2 }), { maxLength: 5 }), fc.constant({}),
  fc.constant({ include_usage: true }), fc.constant([{ type: "function" }]),
);
const role = fc.oneof(fc.constantFrom("system", "developer", "user", "assistant", "tool"), fc.constantFrom("wizard", ""), anyValue);
const validMessage = fc.record({
  role: fc.constantFrom("system", "developer", "user", "assistant", "tool"), content: fc.oneof(fc.string(), fc.constant(null)),
  name: fc.string({ maxLength: 3 }), extra: anyValue,
}, { requiredKeys: ["role", "content"] });
const message = fc.oneof(
  { weight: 6, arbitrary: validMessage },
  fc.record({ role, content: fc.oneof(anyValue, fc.constant([{ type: "text", text: "x" }])), name: anyValue, tool_call_id: anyValue, tool_calls: anyValue }, { requiredKeys: [] }),
  anyValue,
);
const FIELDS = ["model", "messages", "max_tokens", "max_completion_tokens", "temperature", "top_p", "stop", "n", "seed", "user",
  "stream", "tools", "tool_choice", "response_format", "stream_options", "router", "some_future_field"] as const;
// a valid plain request, then up to two of its fields set to anything (or removed)
const body = fc.tuple(
  fc.record({
    model: fc.constantFrom("router", "gpt-4o-mini"), messages: fc.array(message, { minLength: 1, maxLength: 3 }),
    max_tokens: fc.integer({ min: 1, max: 4096 }), temperature: fc.double({ min: 0, max: 2, noNaN: true }),
    top_p: fc.double({ min: 0, max: 1, noNaN: true }), stream: fc.boolean(), n: fc.constant(1), seed: fc.integer(), user: fc.string(),
  }, { requiredKeys: ["model", "messages"] }),
  fc.array(fc.tuple(fc.constantFrom(...FIELDS), anyValue), { maxLength: 2 }),
).map(([valid, changes]) => {
  const b: Record<string, unknown> = { ...valid };
  for (const [field, value] of changes) {
    if (value === undefined) delete b[field];
    else b[field] = value;
  }
  return b;
});

describe("acceptPlainRequest", () => {
  it("accepts only what the schema accepts, and returns what the schema would", () => {
    let accepted = 0;
    fc.assert(fc.property(body, (b) => {
      const plain = acceptPlainRequest(b as Record<string, unknown>);
      if (!plain) return;
      accepted += 1;
      const parsed = chatRequestSchema.safeParse(b);
      expect(parsed.success).toBe(true);
      expect(plain).toEqual(parsed.data);
    }), { numRuns: 20_000 });
    // the generator reaches the accepting side often enough for the check to mean something
    expect(accepted).toBeGreaterThan(2_000);
  });

  it("takes the common request, streamed or not, and leaves structured ones to the schema", () => {
    const common = {
      model: "router", messages: [{ role: "system", content: "be brief" }, { role: "user", content: "hi" }],
      max_tokens: 64, temperature: 0.2, stream: true,
    };
    expect(acceptPlainRequest(common)).toBe(common);
    expect(acceptPlainRequest({ ...common, stream: false, user: "u-1", seed: 3, n: 1, stop: "\n" })).toBeDefined();
    expect(acceptPlainRequest({ ...common, tools: [{ type: "function" }] })).toBeUndefined();
    expect(acceptPlainRequest({ ...common, messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }] })).toBeUndefined();
    expect(acceptPlainRequest({ ...common, temperature: 2.5 })).toBeUndefined();
  });
});
