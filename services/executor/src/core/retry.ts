// Runs a provider call until it succeeds, fails for good, runs out of attempts or of time.
// Retryable failures wait with exponential backoff and jitter, or exactly as long as the provider
// asked (Retry-After), but never past the call's deadline.
import type { ProviderCall__Output } from "../../../common/src/index.js";
import type { Clock } from "./ports.js";
import { asProviderError, type ProviderAdapter, type ProviderError, type ProviderResponse } from "./provider.js";

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export type AttemptOutcome =
  | { kind: "ok"; response: ProviderResponse; attempts: number }
  /** `exhausted`: the error was retryable but attempts or time ran out. */
  | { kind: "failed"; error: ProviderError; attempts: number; exhausted: boolean }
  | { kind: "timeout"; attempts: number; lastError?: ProviderError }
  /** The executor is shutting down; the call goes back to the queue for another executor. */
  | { kind: "interrupted"; attempts: number };

/** "Equal jitter": at least half the exponential step, so retries neither stampede nor collapse to zero. */
export function backoffDelayMs(attempt: number, policy: RetryPolicy, random: () => number, retryAfterMs?: number): number {
  if (retryAfterMs !== undefined) return Math.max(0, Math.ceil(retryAfterMs));
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

export interface RetryContext {
  adapter: ProviderAdapter;
  call: ProviderCall__Output;
  policy: RetryPolicy;
  clock: Clock;
  random: () => number;
  deadlineAt: number;
  deadline: AbortSignal;
  shutdown: AbortSignal;
}

export async function callWithRetries(ctx: RetryContext): Promise<AttemptOutcome> {
  const signal = AbortSignal.any([ctx.deadline, ctx.shutdown]);
  for (let attempt = 1; ; attempt++) {
    let error: ProviderError;
    try {
      return { kind: "ok", response: await ctx.adapter.complete(ctx.call, signal), attempts: attempt };
    } catch (raw) {
      error = asProviderError(raw);
    }
    if (ctx.shutdown.aborted) return { kind: "interrupted", attempts: attempt };
    if (ctx.deadline.aborted) return { kind: "timeout", attempts: attempt, lastError: error };
    if (!error.retryable) return { kind: "failed", error, attempts: attempt, exhausted: false };
    if (attempt >= ctx.policy.maxAttempts) return { kind: "failed", error, attempts: attempt, exhausted: true };
    const delay = backoffDelayMs(attempt, ctx.policy, ctx.random, error.retryAfterMs);
    if (ctx.clock.now() + delay >= ctx.deadlineAt) return { kind: "failed", error, attempts: attempt, exhausted: true };
    try {
      await ctx.clock.sleep(delay, signal);
    } catch {
      if (ctx.shutdown.aborted) return { kind: "interrupted", attempts: attempt };
      return { kind: "timeout", attempts: attempt, lastError: error };
    }
  }
}

/** An AbortSignal that fires at `deadlineAt` on the given clock; dispose() cancels the timer. */
export function deadlineSignal(clock: Clock, deadlineAt: number): { signal: AbortSignal; dispose(): void } {
  const fired = new AbortController();
  const cancel = new AbortController();
  clock.sleep(Math.max(0, deadlineAt - clock.now()), cancel.signal).then(
    () => fired.abort(new Error("call deadline passed")),
    () => { /* disposed before the deadline */ },
  );
  return { signal: fired.signal, dispose: () => cancel.abort() };
}
