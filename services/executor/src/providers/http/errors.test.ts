import { describe, expect, it } from "vitest";
import { fromChatCompletion, fromStreamChunk } from "../openai-compatible/mapping.js";
import { badResponse, errorFromStatus, errorFromStreamPayload, errorFromTransport, retryAfterMs, scrub } from "./errors.js";

describe("provider error mapping", () => {
  it("reads Retry-After as seconds, as an HTTP date, and prefers retry-after-ms", () => {
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(retryAfterMs({ "retry-after": "2" }, now)).toBe(2000);
    expect(retryAfterMs({ "retry-after": "0.5" }, now)).toBe(500);
    expect(retryAfterMs({ "retry-after": "Wed, 01 Jan 2025 00:00:07 GMT" }, now)).toBe(7000);
    expect(retryAfterMs({ "retry-after": "2", "retry-after-ms": "250" }, now)).toBe(250);
    expect(retryAfterMs({ "retry-after": "soon" }, now)).toBeUndefined();
    expect(retryAfterMs({}, now)).toBeUndefined();
  });

  it("classifies statuses: 429, 408 and 5xx retry; other 4xx do not", () => {
    expect(errorFromStatus("openai", 429, {}, "")).toMatchObject({ retryable: true, code: "provider_rate_limited" });
    expect(errorFromStatus("openai", 408, {}, "")).toMatchObject({ retryable: true, code: "provider_timeout" });
    expect(errorFromStatus("openai", 503, {}, "")).toMatchObject({ retryable: true, code: "provider_server_error" });
    expect(errorFromStatus("openai", 404, {}, "")).toMatchObject({ retryable: false, code: "provider_model_not_found" });
    expect(errorFromStatus("openai", 409, {}, "")).toMatchObject({ retryable: false, code: "provider_rejected", upstreamStatus: 409 });
    expect(errorFromStatus("anthropic", 413, {}, "")).toMatchObject({ retryable: false, code: "provider_request_too_large" });
  });

  it("maps Anthropic's error types, 529 overloaded included, and never bills a refused request", () => {
    const body = (type: string) => JSON.stringify({ type: "error", error: { type, message: `${type} says hi` } });
    expect(errorFromStatus("anthropic", 529, {}, body("overloaded_error"))).toMatchObject({ code: "provider_overloaded", retryable: true, billable: false });
    expect(errorFromStatus("anthropic", 429, { "retry-after": "7" }, body("rate_limit_error")))
      .toMatchObject({ code: "provider_rate_limited", retryable: true, retryAfterMs: 7000, billable: false });
    expect(errorFromStatus("anthropic", 500, {}, body("api_error"))).toMatchObject({ code: "provider_server_error", retryable: true });
    const invalid = errorFromStatus("anthropic", 400, {}, body("invalid_request_error"));
    expect(invalid).toMatchObject({ code: "provider_bad_request", retryable: false });
    expect(invalid.message).toContain("invalid_request_error says hi");
    expect(errorFromStreamPayload("anthropic", { type: "error", error: { type: "overloaded_error", message: "Overloaded" } }))
      .toMatchObject({ code: "provider_overloaded", retryable: true, billable: true });
  });

  it("never passes a credential through to the client message", () => {
    const body = JSON.stringify({ error: { message: "Bad key sk-proj-abcdefghijklmnop and Bearer xyz123 given" } });
    const error = errorFromStatus("openai", 400, {}, body);
    expect(error.message).not.toMatch(/sk-proj|xyz123/);
    expect(scrub("x".repeat(1000)).length).toBeLessThan(320);
  });

  it("classifies transport failures", () => {
    const live = new AbortController().signal;
    const reset = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    expect(errorFromTransport("openai", reset, live)).toMatchObject({ code: "provider_unreachable", retryable: true });
    const slow = Object.assign(new Error("headers timeout"), { code: "UND_ERR_HEADERS_TIMEOUT" });
    expect(errorFromTransport("openai", slow, live)).toMatchObject({ code: "provider_timeout", retryable: true });
    expect(errorFromTransport("openai", new Error("x"), AbortSignal.abort())).toMatchObject({ code: "provider_call_aborted", billable: true });
  });

  it("bills what may have reached the provider and nothing that cannot have", () => {
    const live = new AbortController().signal;
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(errorFromTransport("openai", refused, live)).toMatchObject({ code: "provider_unreachable", retryable: true, billable: false });
    const reset = Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" });
    expect(errorFromTransport("openai", reset, live).billable).toBe(true);
    expect(badResponse("openai", 200, "{oops")).toMatchObject({ code: "provider_bad_response", billable: true, partialText: "{oops" });
  });

  it("rejects an answer without choices and maps stream chunks", () => {
    expect(() => fromChatCompletion({ model: "m" }, "m")).toThrow(/no choices/);
    expect(fromStreamChunk({ model: "m", choices: [{ delta: { content: "Hel" }, finish_reason: null }] }))
      .toEqual({ contentDelta: "Hel", responseModel: "m" });
    expect(fromStreamChunk({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } }).usage)
      .toMatchObject({ input_tokens: 3, output_tokens: 2 });
  });
});
