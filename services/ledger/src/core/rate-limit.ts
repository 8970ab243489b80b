// Per-key rate limits over one fixed window of RATE_WINDOW_MS, opened by the first request after
// the previous window ended (not aligned to the wall clock, so a burst that starts at second 59
// is not split over two windows). Requests and tokens share the window. Like every fixed window
// it may admit up to twice the limit within RATE_WINDOW_MS around a window boundary; that is the
// price of a check that is one upsert of one row.

export const RATE_WINDOW_MS = 60_000;

export interface RateLimits {
  /** Requests per window; 0: unlimited. */
  rpm: number;
  /** Tokens per window; 0: unlimited. */
  tpm: number;
}

export interface RateWindow {
  startMs: number;
  requests: number;
  tokens: number;
}

export interface RateLimitAnswer {
  allowed: boolean;
  limit_requests: number;
  remaining_requests: number;
  limit_tokens: number;
  remaining_tokens: number;
  reset_ms: number;
  denied_reason: string;
}

/** The window as it stands at `nowMs`: an ended window counts as empty. */
export function liveWindow(window: RateWindow | undefined, nowMs: number): RateWindow | undefined {
  return window && window.startMs > nowMs - RATE_WINDOW_MS ? window : undefined;
}

/** Why a request of `tokens` does not fit into `window` (already live-checked), or undefined. */
export function whyDenied(limits: RateLimits, window: RateWindow | undefined, tokens: number): string | undefined {
  if (limits.tpm > 0 && tokens > limits.tpm) {
    return `this request counts ${tokens} tokens, more than the key's limit of ${limits.tpm} tokens per minute`;
  }
  if (limits.rpm > 0 && (window?.requests ?? 0) + 1 > limits.rpm) {
    return `rate limit reached: ${limits.rpm} requests per minute`;
  }
  if (limits.tpm > 0 && (window?.tokens ?? 0) + tokens > limits.tpm) {
    return `rate limit reached: ${limits.tpm} tokens per minute`;
  }
  return undefined;
}

/** The answer for a window after this request counted (allowed) or as it stood (denied). */
export function rateLimitAnswer(
  limits: RateLimits, window: RateWindow | undefined, nowMs: number, deniedReason?: string,
): RateLimitAnswer {
  const requests = window?.requests ?? 0;
  const tokens = window?.tokens ?? 0;
  return {
    allowed: deniedReason === undefined,
    limit_requests: limits.rpm,
    remaining_requests: limits.rpm > 0 ? Math.max(0, limits.rpm - requests) : 0,
    limit_tokens: limits.tpm,
    remaining_tokens: limits.tpm > 0 ? Math.max(0, limits.tpm - tokens) : 0,
    // a concurrent request may have opened the window a moment after this one read the clock
    reset_ms: window ? Math.min(RATE_WINDOW_MS, Math.max(0, window.startMs + RATE_WINDOW_MS - nowMs)) : 0,
    denied_reason: deniedReason ?? "",
  };
}
