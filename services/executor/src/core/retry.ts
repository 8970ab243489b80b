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
  deadline: AbortSignal;
  /** Read only to tell an interruption from a cancel: a shutdown also aborts `cancel`. */
  shutdown: AbortSignal;
  /** Aborts when the caller cancels the call or the executor stops. */
  cancel: AbortSignal;
}

export const circuitOpenError = (key: string, retryInMs: number) => new ProviderError(
  `${key} failed repeatedly; its circuit is open for another ${Math.ceil(retryInMs / 1000)} s`,
  { code: "circuit_open", retryable: true },
);

export async function callWithRetries(ctx: RetryContext): Promise<AttemptOutcome> {
  // the shutdown reaches a running call through its cancel signal (CancelRegistry.stop says why)
  const either = anyOf([ctx.deadline, ctx.cancel]);
  try {
    return await attemptUntilDone(ctx, either.signal);
  } finally {
    either.dispose();
  }
}

/**
 * Aborts when any of the signals does. AbortSignal.any does the same but, on Node 20, at several
 * times the cost (weak references and a finalization registry per call: ~4 % of an executor's CPU).
 */
export function anyOf(signals: AbortSignal[]): { signal: AbortSignal; dispose(): void } {
  const either = new AbortController();
  const already = signals.find((s) => s.aborted);
  if (already) {
    either.abort(already.reason);
    return { signal: either.signal, dispose: () => {} };
  }
  const dispose = () => { for (const s of signals) s.removeEventListener("abort", onAbort); };
  function onAbort(this: AbortSignal) {
    dispose();
    either.abort(this.reason);
  }
  for (const s of signals) s.addEventListener("abort", onAbort, { once: true });
  return { signal: either.signal, dispose };
}

async function attemptUntilDone(ctx: RetryContext, signal: AbortSignal): Promise<AttemptOutcome> {
  // which of the three signals ended the call, checked in this order of precedence
  const stopped = (ended: Ended): AttemptOutcome | undefined => {
    if (ctx.shutdown.aborted) return { kind: "interrupted", ...ended };
    if (ctx.cancel.aborted) return { kind: "cancelled", ...ended };
    if (ctx.deadline.aborted) return { kind: "timeout", ...ended };
    return undefined;
  };
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
    const verdict = ctx.deadline.aborted || error.retryable ? "failure" : "none";
    if (ctx.shutdown.aborted || ctx.cancel.aborted || verdict === "none") ctx.breakers?.release(ctx.circuitKey, admission.probe);
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

/** An AbortSignal that fires at `deadlineAt` on the given clock; dispose() cancels the timer. */
export function deadlineSignal(clock: Clock, deadlineAt: number): { signal: AbortSignal; dispose(): void } {
  const fired = new AbortController();
  const cancel = new AbortController();
  clock.sleep(Math.max(0, deadlineAt - clock.now()), cancel.signal).then(
    () => fired.abort(new Error("call deadline passed")),
    () => { /* disposed before the deadline */ },
  );
  return { signal: fired.signal, dispose: () => cancel.abort(DISPOSED) };
}

/** A constant reason: abort() without one builds a DOMException (with a stack) on every call. */
const DISPOSED = new Error("disposed");
