// Runs a provider call until it succeeds, fails for good, runs out of attempts or of time, is
// cancelled, or the executor stops. Retryable failures wait with exponential backoff and jitter,
// or exactly as long as the provider asked (Retry-After), but never past the call's deadline.
// Every attempt passes the provider's circuit and its concurrency limit first.
import type { Clock } from "./ports.js";
import type { CircuitBreakers } from "./circuit-breaker.js";
import type { ProviderLimits } from "./concurrency.js";
import { asProviderError, ProviderError, type ProviderResponse } from "./provider.js";

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

interface Ended {
  attempts: number;
  /** The last error seen, for the result's error details. */
  error?: ProviderError;
  /** The error of the attempt that ended the call, when it was not handed to onRetry: the call's own row bills it. */
  finalAttempt?: ProviderError;
}

export type AttemptOutcome =
  | { kind: "ok"; response: ProviderResponse; attempts: number }
  /** `exhausted`: the error was retryable but attempts, time or the circuit ran out. */
  | (Ended & { kind: "failed"; error: ProviderError; exhausted: boolean })
  | (Ended & { kind: "timeout" })
  | (Ended & { kind: "cancelled" })
  /** The executor is shutting down; the call goes back to the queue for another executor. */
  | (Ended & { kind: "interrupted" });

/** "Equal jitter": at least half the exponential step, so retries neither stampede nor collapse to zero. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(0, Math.ceil(retryAfterMs));
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export interface RetryContext {
  /** One attempt; rejects with a ProviderError. */
  attempt(signal: AbortSignal): Promise<ProviderResponse>;
  /** False once a retry would repeat output the caller already received (a stream's first delta). */
  retryAllowed(): boolean;
  /** An attempt that failed and is followed by another one (so the call's own row will not bill it). */
  onRetry(attempt: number, error: ProviderError): void;
  /** Circuit key (provider + model) and concurrency key (provider). */
  circuitKey: string;
  provider: string;
  breakers?: CircuitBreakers;
  limits?: ProviderLimits;
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  deadlineAt: number;
  /**
   * The call's one signal: aborts when the caller cancels, the executor stops or the deadline
   * passes (with DEADLINE_PASSED as its reason).
   */
  signal: AbortSignal;
  /** Read only to tell an interruption from the other stops: a shutdown also aborts `signal`. */
  shutdown: AbortSignal;
}

/** The reason a call's signal aborts with at its deadline (one Error: abort() would build one each time). */
export const DEADLINE_PASSED = new Error("call deadline passed");

export const circuitOpenError = (key: string, retryInMs: number) => new ProviderError(
  `${key} failed repeatedly; its circuit is open for another ${Math.ceil(retryInMs / 1000)} s`,
  { code: "circuit_open", retryable: true },
);

export async function callWithRetries(ctx: RetryContext): Promise<AttemptOutcome> {
  const signal = ctx.signal;
  // what stopped the call: a shutdown whenever it came, else the signal's first reason
  const stopped = (ended: Ended): AttemptOutcome | undefined => {
    if (ctx.shutdown.aborted) return { kind: "interrupted", ...ended };
    if (!signal.aborted) return undefined;
    return signal.reason === DEADLINE_PASSED ? { kind: "timeout", ...ended } : { kind: "cancelled", ...ended };
  };
  const deadlinePassed = () => signal.aborted && signal.reason === DEADLINE_PASSED;
  let lastError: ProviderError | undefined;
  for (let attempt = 1; ; attempt++) {
    const before = stopped({ attempts: attempt - 1, error: lastError });
    if (before) return before;
    const admission = ctx.breakers?.admit(ctx.circuitKey) ?? { allowed: true, probe: false };
    if (!admission.allowed) {
      const error = lastError ?? circuitOpenError(ctx.circuitKey, admission.retryInMs);
      return { kind: "failed", error, attempts: attempt - 1, exhausted: true };
    }
    let release: () => void;
    try {
      release = await (ctx.limits?.acquire(ctx.provider, signal) ?? Promise.resolve(() => {}));
    } catch {
      ctx.breakers?.release(ctx.circuitKey, admission.probe);
      return stopped({ attempts: attempt - 1, error: lastError })!;
    }
    let error: ProviderError;
    try {
      const response = await ctx.attempt(signal);
      ctx.breakers?.success(ctx.circuitKey);
      return { kind: "ok", response, attempts: attempt };
    } catch (raw) {
      error = asProviderError(raw);
    } finally {
      release();
    }
    lastError = error;
    const verdict = deadlinePassed() || error.retryable ? "failure" : "none";
    if (ctx.shutdown.aborted || (signal.aborted && !deadlinePassed()) || verdict === "none") ctx.breakers?.release(ctx.circuitKey, admission.probe);
    else ctx.breakers?.failure(ctx.circuitKey, admission.probe);
    const ended = stopped({ attempts: attempt, error, finalAttempt: error });
    if (ended) return ended;
    const fail = (exhausted: boolean): AttemptOutcome => ({ kind: "failed", error, finalAttempt: error, attempts: attempt, exhausted });
    if (!error.retryable) return fail(false);
    if (!ctx.retryAllowed()) return fail(false);
    if (attempt >= ctx.policy.maxAttempts || ctx.breakers?.isOpen(ctx.circuitKey)) return fail(true);
    const delay = backoffDelayMs(attempt, ctx.policy, ctx.random, error.retryAfterMs);
    if (ctx.clock.now() + delay >= ctx.deadlineAt) return fail(true);
    ctx.onRetry(attempt, error);
    try {
      await ctx.clock.sleep(delay, signal);
    } catch {
      return stopped({ attempts: attempt, error })!;
    }
  }
}
