import { describe, expect, it } from "vitest";
import { formatReset, rateLimitHeaders } from "./rate-limit.js";

describe("rate-limit headers", () => {
  it("writes resets the way OpenAI does", () => {
    expect(formatReset(0)).toBe("0ms");
    expect(formatReset(17)).toBe("17ms");
    expect(formatReset(1000)).toBe("1s");
    expect(formatReset(59_510)).toBe("59.6s");
    expect(formatReset(60_000)).toBe("1m0s");
    expect(formatReset(360_000)).toBe("6m0s");
  });

  it("sends the requests and tokens families only for limits the key has", () => {
    const base = { allowed: true, remaining_requests: 4, remaining_tokens: 900, reset_ms: 30_000, denied_reason: "" };
    expect(rateLimitHeaders({ ...base, limit_requests: 5, limit_tokens: 0 })).toEqual({
      "x-ratelimit-limit-requests": "5", "x-ratelimit-remaining-requests": "4", "x-ratelimit-reset-requests": "30s",
    });
    expect(rateLimitHeaders({ ...base, limit_requests: 0, limit_tokens: 1000 })).toEqual({
      "x-ratelimit-limit-tokens": "1000", "x-ratelimit-remaining-tokens": "900", "x-ratelimit-reset-tokens": "30s",
    });
  });
});
