// What one executor does with one delivery of a ProviderCall. The order is what makes
// redelivery safe: the result goes to the KV store before the ledger and the client hear of it,
// so a crash or a ledger outage after the provider answered never calls the provider twice.
import {
  CallStatus,
  type CallBus, type CallDelivery, type CallError__Output, type Logger, type ProviderCall__Output,
  type ProviderResult__Output,
} from "../../../common/src/index.js";
import type { CallRecorder, Clock } from "./ports.js";
import type { ProviderError, ProviderRegistry } from "./provider.js";
import { errorResult, okResult, toCallRecord, type Finished } from "./result.js";
import { callWithRetries, deadlineSignal, type RetryPolicy } from "./retry.js";

export interface HandlerSettings {
  executorId: string;
  retry: RetryPolicy;
  /** How often a running call tells the queue it is still being worked on. */
  workingIntervalMs: number;
  /** Redelivery delay when the ledger cannot be reached. */
  ledgerRetryDelayMs: number;
  /** Redelivery delay after an unexpected failure (KV store down, a bug). */
  errorRetryDelayMs: number;
  /** Deadline for calls that carry none. */
  defaultCallTimeoutMs: number;
  /** The queue's delivery limit: on the last delivery the client is answered even without a ledger row. */
  maxDeliver: number;
}

export interface CallHandlerDeps {
  bus: Pick<CallBus, "publishEvent" | "results">;
  recorder: CallRecorder;
  providers: ProviderRegistry;
  clock: Clock;
  random?: () => number;
  logger: Logger;
  settings: HandlerSettings;
  /** Aborted when the executor stops for good: running calls are handed back to the queue. */
  shutdown: AbortSignal;
}

const toCallError = (e: ProviderError): CallError__Output =>
  ({ code: e.code, message: e.message, upstream_status: e.upstreamStatus, retryable: e.retryable });

export function createCallHandler(deps: CallHandlerDeps): (delivery: CallDelivery) => Promise<void> {
  const { bus, clock, logger, settings } = deps;
  const random = deps.random ?? Math.random;

  async function recordAndReply(delivery: CallDelivery, result: ProviderResult__Output, log: Logger) {
    const call = delivery.call;
    try {
      await deps.recorder.recordCall(toCallRecord(call, result, clock.now()));
    } catch (error) {
      if (delivery.deliveryCount < settings.maxDeliver) {
        log.warn({ err: error }, "ledger unreachable; the call is redelivered later and its stored result recorded then");
        delivery.nak(settings.ledgerRetryDelayMs);
        return;
      }
      log.error({ err: error, status: result.status, cost_nanousd: result.cost_nanousd },
        "ledger unreachable on the last delivery; answering the client without a ledger record");
      bus.publishEvent(call.reply_subject, { result });
      delivery.term("ledger unreachable on the last delivery");
      return;
    }
    bus.publishEvent(call.reply_subject, { result });
    delivery.ack();
  }

  async function execute(call: ProviderCall__Output, deadlineAt: number, log: Logger): Promise<ProviderResult__Output | undefined> {
    const startedAt = clock.now();
    const finished = (attempts: number): Finished => ({ executorId: settings.executorId, attempts, latencyMs: clock.now() - startedAt });
    const adapter = deps.providers.get(call.provider);
    if (!adapter) {
      return errorResult(call, CallStatus.CALL_STATUS_FAILED, {
        code: "provider_unknown", message: `no adapter serves provider '${call.provider}'`, upstream_status: 0, retryable: false,
      }, finished(0));
    }
    const deadline = deadlineSignal(clock, deadlineAt);
    try {
      const outcome = await callWithRetries({
        adapter, call, policy: settings.retry, clock, random, deadlineAt, deadline: deadline.signal, shutdown: deps.shutdown,
      });
      const done = finished(outcome.attempts);
      switch (outcome.kind) {
        case "ok":
          return okResult(call, outcome.response, done);
        case "interrupted":
          log.info({ attempts: outcome.attempts }, "executor stopping; handing the call back to the queue");
          return undefined;
        case "timeout":
          return errorResult(call, CallStatus.CALL_STATUS_TIMEOUT, {
            code: "timeout", message: "the provider did not answer before the call's deadline",
            upstream_status: outcome.lastError?.upstreamStatus ?? 0, retryable: true,
          }, done);
        case "failed":
          return errorResult(call, outcome.exhausted ? CallStatus.CALL_STATUS_UNAVAILABLE : CallStatus.CALL_STATUS_FAILED,
            toCallError(outcome.error), done);
      }
    } finally {
      deadline.dispose();
    }
  }

  return async function handleCall(delivery: CallDelivery): Promise<void> {
    const call = delivery.call;
    const log = logger.child({ call_id: call.call_id, provider: call.provider, delivery: delivery.deliveryCount });
    // JetStream redelivers a call whose lease runs out; a long provider call keeps renewing it.
    const heartbeat = setInterval(() => { if (!delivery.settled) delivery.working(); }, settings.workingIntervalMs);
    try {
      const stored = await bus.results.get(call.call_id);
      if (stored) {
        log.info({ status: stored.status }, "call already finished before; replaying its stored result");
        await recordAndReply(delivery, stored, log);
        return;
      }
      const deadlineAt = call.deadline_unix_ms > 0 ? call.deadline_unix_ms : clock.now() + settings.defaultCallTimeoutMs;
      if (clock.now() >= deadlineAt) {
        const result = errorResult(call, CallStatus.CALL_STATUS_TIMEOUT, {
          code: "deadline_exceeded", message: "the call's deadline passed before an executor could start it",
          upstream_status: 0, retryable: true,
        }, { executorId: settings.executorId, attempts: 0, latencyMs: 0 });
        bus.publishEvent(call.reply_subject, { result });
        delivery.term("deadline passed before the call started");
        log.info("deadline passed before start; answered TIMEOUT");
        return;
      }
      const result = await execute(call, deadlineAt, log);
      if (!result) {
        delivery.nak(0);
        return;
      }
      await bus.results.put(result);
      log.info({
        status: result.status, attempts: result.attempts, latency_ms: result.latency_ms, cost_nanousd: result.cost_nanousd,
        error_code: result.error?.code, simulated: result.simulated,
      }, "call finished");
      await recordAndReply(delivery, result, log);
    } catch (error) {
      log.error({ err: error }, "call handling failed; the call goes back to the queue");
      if (!delivery.settled) delivery.nak(settings.errorRetryDelayMs);
    } finally {
      clearInterval(heartbeat);
    }
  };
}
