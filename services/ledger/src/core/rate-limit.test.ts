import { describe, expect, it } from "vitest";
import { liveWindow, RATE_WINDOW_MS, rateLimitAnswer, whyDenied } from "./rate-limit.js";

const NOW = 1_000_000;

describe("rate-limit window", () => {
  it("treats a window that started a full period ago as ended", () => {
    expect(liveWindow({ startMs: NOW - RATE_WINDOW_MS, requests: 5, tokens: 5 }, NOW)).toBeUndefined();
    expect(liveWindow({ startMs: NOW - RATE_WINDOW_MS + 1, requests: 5, tokens: 5 }, NOW)).toMatchObject({ requests: 5 });
    expect(liveWindow(undefined, NOW)).toBeUndefined();
  });

  it("denies the request past the limit and names which limit", () => {
    const limits = { rpm: 3, tpm: 100 };
    expect(whyDenied(limits, { startMs: NOW, requests: 2, tokens: 10 }, 10)).toBeUndefined();
    expect(whyDenied(limits, { startMs: NOW, requests: 3, tokens: 10 }, 10)).toMatch(/3 requests per minute/);
    expect(whyDenied(limits, { startMs: NOW, requests: 1, tokens: 95 }, 10)).toMatch(/100 tokens per minute/);
    expect(whyDenied(limits, undefined, 101)).toMatch(/more than the key's limit of 100 tokens/);
    expect(whyDenied({ rpm: 0, tpm: 0 }, { startMs: NOW, requests: 10 ** 6, tokens: 10 ** 9 }, 10 ** 6)).toBeUndefined();
  });

  it("reports what is left and when the window resets", () => {
    const answer = rateLimitAnswer({ rpm: 10, tpm: 1000 }, { startMs: NOW - 15_000, requests: 4, tokens: 400 }, NOW);
    expect(answer).toEqual({
      allowed: true, limit_requests: 10, remaining_requests: 6, limit_tokens: 1000, remaining_tokens: 600,
      reset_ms: 45_000, denied_reason: "",
    });
    const denied = rateLimitAnswer({ rpm: 4, tpm: 0 }, { startMs: NOW - 59_000, requests: 4, tokens: 9 }, NOW, "full");
    expect(denied).toMatchObject({ allowed: false, remaining_requests: 0, limit_tokens: 0, remaining_tokens: 0, reset_ms: 1000 });
  });

  it("never resets later than one window from now, even for a window a concurrent request opened a moment later", () => {
    const answer = rateLimitAnswer({ rpm: 10, tpm: 0 }, { startMs: NOW + 5, requests: 2, tokens: 0 }, NOW);
    expect(answer.reset_ms).toBe(RATE_WINDOW_MS);
  });
});
