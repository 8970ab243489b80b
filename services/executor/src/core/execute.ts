// Runs one call against its provider: attempts with retries, streaming deltas to the caller as
// they arrive, and the ledger rows of abandoned billable attempts. Returns the call's result, or
// `interrupted` when the executor is stopping and the call must go back to the queue.
import {
  CallStatus, mark, type CallBus, type CallRecord, type Logger, type ProviderCall__Output, type ProviderResult__Output,
} from "../../../common/src/index.js";
import type { CircuitBreakers } from "./circuit-breaker.js";
import type { ProviderLimits } from "./concurrency.js";
import type { HandlerSettings } from "./handle-call.js";
import type { CallRecorder, Clock } from "./ports.js";
import type { ProviderAdapter, ProviderError, ProviderRegistry, ProviderResponse } from "./provider.js";
import { attemptRecord, errorResult, okResult, toCallError, type Finished } from "./result.js";
import { recordWithRetries } from "./recording.js";
import { callWithRetries, DEADLINE_PASSED } from "./retry.js";
import { collectStream } from "./stream.js";

export interface ExecuteDeps {
  bus: Pick<CallBus, "publishEvent">;
  recorder: CallRecorder;
  providers: ProviderRegistry;
  clock: Clock;
  random: () => number;
  breakers?: CircuitBreakers;
  limits?: ProviderLimits;
  settings: HandlerSettings;
  /** Tells an interrupted call from a cancelled one; the call itself stops through its own signal. */
  shutdown: AbortSignal;
}

export interface CallContext {
  /** Which run of the call this is (its records are unique on the call and this). */
  execution: number;
  deadlineAt: number;
  /** Aborts when the caller cancels the call or the executor stops (CancelRegistry.stop); `abort` at its deadline. */
  signal: AbortSignal;
  abort(reason: unknown): void;
  log: Logger;
}

export type Execution = { kind: "done"; result: ProviderResult__Output } | { kind: "interrupted" };

export async function executeCall(deps: ExecuteDeps, call: ProviderCall__Output, ctx: CallContext): Promise<Execution> {
  const { clock, settings } = deps;
  const startedAt = clock.now();
  const finished = (attempts: number): Finished => ({
    executorId: settings.executorId, attempts, latencyMs: clock.now() - startedAt, execution: ctx.execution,
  });
  const adapter = deps.providers.get(call.provider);
  if (!adapter) {
    return {
      kind: "done",
      result: errorResult(call, CallStatus.CALL_STATUS_FAILED, {
        code: "provider_unknown", message: `no adapter serves provider '${call.provider}'`, upstream_status: 0, retryable: false,
      }, finished(0)),
    };
  }

  let deltaIndex = 0;
  let streamed = "";
  // The first delta leaves at once (time to first token). Later ones gather for up to
  // `deltaCoalesceMs` and leave as one message: every message costs this process, NATS and the
  // gateway a wake-up (on a VM, a fifth of a millisecond of CPU each), and a provider sends a
  // token every few milliseconds. 10 ms is below what a reader of the stream can tell.
  let unsent = "";
  let flushTimer: NodeJS.Timeout | "immediate" | undefined;
  const flushDeltas = () => {
    if (flushTimer !== undefined && flushTimer !== "immediate") clearTimeout(flushTimer);
    flushTimer = undefined;
    if (!unsent) return;
    deps.bus.publishEvent(call.reply_subject, { delta: { call_id: call.call_id, index: deltaIndex++, content: unsent } });
    unsent = "";
  };
  const coalesceMs = settings.deltaCoalesceMs ?? 0;
  const publishDelta = (content: string) => {
    streamed += content;
    unsent += content;
    if (deltaIndex === 0) {
      mark("executor.first_token", call.call_id);
      flushDeltas();
      mark("executor.delta_sent", call.call_id);
    } else if (flushTimer === undefined) {
      if (coalesceMs > 0) flushTimer = setTimeout(flushDeltas, coalesceMs);
      else { flushTimer = "immediate"; setImmediate(flushDeltas); }
    }
  };

  let attemptStartedAt = startedAt;
  const attempt = (signal: AbortSignal): Promise<ProviderResponse> => {
    attemptStartedAt = clock.now();
    mark("executor.provider", call.call_id);
    return call.stream ? streamAttempt(adapter, call, signal, publishDelta) : adapter.complete(call, signal);
  };

  // abandoned attempts are written while the retry waits, never delaying the next attempt
  const pending: Promise<void>[] = [];
  const recordAttempt = (attemptNo: number, error: ProviderError) => {
    if (!error.billable) return;
    const record = attemptRecord(call, { execution: ctx.execution, attempt: attemptNo }, error,
      { executorId: settings.executorId, latencyMs: clock.now() - attemptStartedAt }, clock.now());
    pending.push(writeAttempt(deps, record, ctx.log));
  };

  const cancelDeadline = clock.setTimer(Math.max(0, ctx.deadlineAt - clock.now()), () => ctx.abort(DEADLINE_PASSED));
  try {
    const outcome = await callWithRetries({
      attempt, retryAllowed: () => streamed === "", onRetry: recordAttempt,
      circuitKey: `${call.provider}/${call.model_id}`, provider: call.provider, breakers: deps.breakers, limits: deps.limits,
      policy: settings.retry, clock, random: deps.random, deadlineAt: ctx.deadlineAt, signal: ctx.signal,
      shutdown: deps.shutdown,
    });
    const done = finished(outcome.attempts);
    switch (outcome.kind) {
      case "ok":
        return { kind: "done", result: okResult(call, outcome.response, done) };
      case "interrupted":
        ctx.log.info({ attempts: outcome.attempts }, "executor stopping; handing the call back to the queue");
        if (outcome.finalAttempt) recordAttempt(outcome.attempts, outcome.finalAttempt);
        return { kind: "interrupted" };
      case "cancelled":
        ctx.log.info({ attempts: outcome.attempts, streamed_chars: streamed.length }, "cancelled by the caller");
        return {
          kind: "done",
          result: errorResult(call, CallStatus.CALL_STATUS_CANCELLED, {
            code: "cancelled", message: "the caller cancelled the call", upstream_status: 0, retryable: false,
          }, done, outcome.finalAttempt, streamed),
        };
      case "timeout":
        return {
          kind: "done",
          result: errorResult(call, CallStatus.CALL_STATUS_TIMEOUT, {
            code: "timeout", message: "the provider did not answer before the call's deadline",
            upstream_status: outcome.error?.upstreamStatus ?? 0, retryable: true,
          }, done, outcome.finalAttempt, streamed),
        };
      case "failed":
        return {
          kind: "done",
          result: errorResult(call, outcome.exhausted ? CallStatus.CALL_STATUS_UNAVAILABLE : CallStatus.CALL_STATUS_FAILED,
            toCallError(outcome.error), done, outcome.finalAttempt, streamed),
        };
    }
  } finally {
    // every delta is out before the result is stored (which answers the caller)
    flushDeltas();
    cancelDeadline();
    await Promise.all(pending);
  }
}

/** Streams when the adapter can; otherwise the whole answer goes out as one delta. */
async function streamAttempt(
  adapter: ProviderAdapter, call: ProviderCall__Output, signal: AbortSignal, onDelta: (content: string) => void,
): Promise<ProviderResponse> {
  if (adapter.stream) return collectStream((onEvent) => adapter.stream!(call, signal, onEvent), onDelta, call.upstream_model);
  const response = await adapter.complete(call, signal);
  if (response.content) onDelta(response.content);
  return response;
}

async function writeAttempt(deps: ExecuteDeps, record: CallRecord, log: Logger): Promise<void> {
  try {
    await recordWithRetries(deps.recorder, deps.clock, record, deps.settings.ledgerRetryDelayMs);
  } catch (error) {
    log.error({ err: error, attempt_call_id: record.call_id, cost_nanousd: record.cost_nanousd },
      "could not record a billable attempt in the ledger");
  }
}
