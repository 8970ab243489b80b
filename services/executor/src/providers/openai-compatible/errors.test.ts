import { describe, expect, it } from "vitest";
import { errorFromStatus, errorFromTransport, retryAfterMs, scrub } from "./errors.js";
import { fromChatCompletion, fromStreamChunk } from "./mapping.js";

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
    expect(errorFromStatus("openai", 413, {}, "")).toMatchObject({ retryable: false, code: "provider_rejected", upstreamStatus: 413 });
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
    expect(errorFromTransport("openai", new Error("x"), AbortSignal.abort())).toMatchObject({ code: "provider_call_aborted" });
  });

  it("rejects an answer without choices and maps stream chunks", () => {
    expect(() => fromChatCompletion({ model: "m" }, "m")).toThrow(/no choices/);
    expect(fromStreamChunk({ model: "m", choices: [{ delta: { content: "Hel" }, finish_reason: null }] }))
      .toEqual({ contentDelta: "Hel", responseModel: "m" });
    expect(fromStreamChunk({ choices: [], usage: { prompt_tokens: 3, completion_tokens: 2 } }).usage)
      .toMatchObject({ input_tokens: 3, output_tokens: 2 });
  });
});
