// What one executor does with one delivery of a ProviderCall. The result goes to the KV store, which
// answers the client, then to the ledger (over the records stream); the delivery is acknowledged
// once the call is recorded.
// So a call whose answer a client got is always found again: an executor that dies before
// recording it, or a ledger outage that outlasts the run's own tries, ends in a redelivery that
// finds the stored result and records that, without calling the provider twice. A call redelivered
// while its first run was still going (its lease ran out) runs again; each run is recorded as its
// own execution. A run that dies between the provider's answer and its record (a SIGKILLed
// executor) is billed by the next delivery, which finds the run's marker (RunStarted, written
// before anything goes to the provider) and no result: the run is recorded as LOST at the worst
// case. The ledger is off the answer's path. On the last delivery nothing goes back to the queue:
// the call is dead-lettered and the caller still gets a final result.
import {
  CallStatus, lazyChild, mark,
  type CallBus, type CallDelivery, type Logger, type ProviderCall__Output, type ProviderResult__Output,
} from "../../../common/src/index.js";
import { CancelRegistry } from "./cancels.js";
import type { CircuitBreakers } from "./circuit-breaker.js";
import type { ProviderLimits } from "./concurrency.js";
import { executeCall } from "./execute.js";
import type { CallRecorder, Clock, DeadLetterReason, DeadLetterSink } from "./ports.js";
import type { ProviderRegistry } from "./provider.js";
import { recordWithRetries } from "./recording.js";
import { deadLetteredResult, errorResult, lostRunRecord, toCallRecord } from "./result.js";
import type { RetryPolicy } from "./retry.js";

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
  /** The queue's delivery limit: the last delivery never goes back to the queue. */
  maxDeliver: number;
  /**
   * A delivery of a call published at least this long ago may follow an earlier run whatever its
   * delivery count says (half the queue's lease: a lease-expiry redelivery comes a whole lease after
   * the run before it, and the margin absorbs clock skew between the executor and NATS).
   */
  redeliveryAgeMs: number;
  /** After a stream's first delta, how long later ones gather into one message (0: one turn of the event loop). */
  deltaCoalesceMs?: number;
}

export interface CallHandlerDeps {
  bus: Pick<CallBus, "publishEvent" | "results" | "runs">;
  recorder: CallRecorder;
  providers: ProviderRegistry;
  clock: Clock;
  random?: () => number;
  logger: Logger;
  settings: HandlerSettings;
  /** Aborted when the executor stops for good: running calls are handed back to the queue. */
  shutdown: AbortSignal;
  /** Cancel requests; one registry per process, fed from the bus's cancel subjects. */
  cancels?: CancelRegistry;
  breakers?: CircuitBreakers;
  limits?: ProviderLimits;
  deadLetters?: DeadLetterSink;
}

/** Without a dead-letter store (the in-process bus) a dead letter is an error in the log. */
export const logDeadLetters = (logger: Logger): DeadLetterSink => ({
  async deadLetter(call, reason, detail) {
    logger.error({ call_id: call.call_id, request_id: call.request_id, reason, detail }, "dead letter");
  },
});

export function createCallHandler(deps: CallHandlerDeps): (delivery: CallDelivery) => Promise<void> {
  const { bus, clock, logger, settings } = deps;
  const random = deps.random ?? Math.random;
  const cancels = deps.cancels ?? new CancelRegistry();
  const stopCalls = () => cancels.stop(deps.shutdown.reason);
  if (deps.shutdown.aborted) stopCalls();
  else deps.shutdown.addEventListener("abort", stopCalls, { once: true });
  const deadLetters = deps.deadLetters ?? logDeadLetters(logger);
  const isLast = (delivery: CallDelivery) => delivery.deliveryCount >= settings.maxDeliver;

  /** The last delivery failed for a reason of ours: keep the call, tell the caller, settle for good. */
  async function giveUp(delivery: CallDelivery, reason: DeadLetterReason, detail: string, answer?: ProviderResult__Output) {
    const call = delivery.call;
    await deadLetters.deadLetter(call, reason, detail, answer ? { "xrouter-cost-nanousd": String(answer.cost_nanousd) } : {});
    // an answer was published before its recording failed; only a call that never got one needs it now
    if (!answer) bus.publishEvent(call.reply_subject, { result: deadLetteredResult(call, settings.executorId, reason, delivery.deliveryCount) });
    delivery.term(`dead-lettered: ${reason}`);
  }

  /**
   * Records the call and acknowledges the delivery; first answers the caller when the store did not
   * (a result the store took reached the caller with it) or when the result is a replay (the caller
   * may have missed the first answer: core NATS delivers at most once; a repeat is dropped).
   */
  async function replyAndRecord(
    delivery: CallDelivery, result: ProviderResult__Output, log: Logger, how: { notStored?: unknown; replay?: boolean } = {},
  ) {
    const { notStored, replay = false } = how;
    const call = delivery.call;
    if (replay || notStored !== undefined) bus.publishEvent(call.reply_subject, { result });
    // the caller has its answer; the record is batched for tens of milliseconds, and the next call
    // need not wait for that
    delivery.freeSlot();
    const record = toCallRecord(call, result, clock.now());
    try {
      // A run's record is its own to write: a redelivery replays whichever run's result the store
      // holds (or runs the call again when none is stored), so a run that left its record to a
      // redelivery could go unbilled. A replay's record is the stored run's, and a redelivery repeats it.
      await (replay ? deps.recorder.recordCall(record) : recordWithRetries(deps.recorder, clock, record, settings.ledgerRetryDelayMs));
    } catch (error) {
      if (!isLast(delivery)) {
        log.warn({ err: error, stored: notStored === undefined },
          "ledger unreachable; the call is redelivered later and its stored result recorded then");
        delivery.nak(settings.ledgerRetryDelayMs);
        return;
      }
      log.error({ err: error, status: result.status, cost_nanousd: result.cost_nanousd },
        "ledger unreachable on the last delivery; dead-lettering the unrecorded call");
      await giveUp(delivery, "ledger_unreachable", (error as Error).message, result);
      return;
    }
    if (notStored !== undefined) log.warn({ err: notStored }, "result not stored; it is recorded, so nothing is lost");
    delivery.ack();
  }

  async function run(delivery: CallDelivery, call: ProviderCall__Output, log: Logger) {
    // JetStream's duplicate window drops a re-published call id, so only a redelivery can have run
    // before. NATS 2.9 sometimes counts the redelivery of a call whose lease ran out as its first
    // (seen in test/executor.test.ts: a call killed mid-run came back as delivery 1), so a delivery
    // is taken for a redelivery by its count or by its age; looking up the store costs a round trip,
    // which the first delivery of a fresh call does not pay
    const again = delivery.deliveryCount > 1 || clock.now() - delivery.publishedUnixMs >= settings.redeliveryAgeMs;
    const earlier = again ? await bus.results.get(call) : undefined;
    if (earlier) {
      log.info({ status: earlier.status }, "call already finished before; replaying its stored result");
      await replyAndRecord(delivery, earlier, log, { replay: true });
      return;
    }
    const execution = again ? await billLostRuns(delivery, log) : delivery.deliveryCount;
    const deadlineAt = call.deadline_unix_ms > 0 ? call.deadline_unix_ms : clock.now() + settings.defaultCallTimeoutMs;
    if (clock.now() >= deadlineAt) {
      const result = errorResult(call, CallStatus.CALL_STATUS_TIMEOUT, {
        code: "deadline_exceeded", message: "the call's deadline passed before an executor could start it",
        upstream_status: 0, retryable: true,
      }, { executorId: settings.executorId, attempts: 0, latencyMs: 0, execution });
      bus.publishEvent(call.reply_subject, { result });
      // an expired call is answered, not lost: no dead letter
      delivery.term("deadline passed before the call started");
      log.info("deadline passed before start; answered TIMEOUT");
      return;
    }
    // while NATS is down this waits for it (the marker must be stored before the provider hears
    // of the run); a shutdown meanwhile hands the call back unstarted
    await bus.runs.started(call, {
      call_id: call.call_id, execution, executor_id: settings.executorId, started_unix_ms: clock.now(),
    }, deps.shutdown);
    const tracked = cancels.track(call.call_id);
    let outcome;
    try {
      outcome = await executeCall({ ...deps, random, settings }, call, {
        execution, deadlineAt, signal: tracked.signal, abort: tracked.abort, log,
      });
    } finally {
      tracked.dispose();
    }
    if (outcome.kind === "interrupted") {
      // the run billed its cut-off attempt itself; a later delivery must not bill it as lost
      bus.runs.withdrawn(call, execution);
      if (isLast(delivery)) await giveUp(delivery, "interrupted", "the executor stopped during the call's last delivery");
      else delivery.nak(0);
      return;
    }
    const result = outcome.result;
    // storing it is answering it; a store that fails answers by event, and only matters if recording fails too
    // while NATS is down this waits for it (a dropped result would send the call to the provider
    // again on its redelivery); a shutdown meanwhile leaves it to the record and the event below
    mark("executor.result_sent", call.call_id);
    const notStored = await bus.results.put(call, result, deps.shutdown).then(() => undefined, (error: unknown) => error ?? "store failed");
    // per-call lines are debug: synchronous logging was ~8% of an executor's CPU under load
    log.debug({
      status: result.status, attempts: result.attempts, latency_ms: result.latency_ms, cost_nanousd: result.cost_nanousd,
      error_code: result.error?.code, simulated: result.simulated,
    }, "call finished");
    await replyAndRecord(delivery, result, log, { notStored });
  }

  /**
   * Earlier runs that marked themselves and left no result went away mid-call: bill each at the
   * worst case. Returns this run's execution: after every marked one, so that no two runs of the
   * call share a number (their ledger rows are unique on it) even when the count repeats.
   */
  async function billLostRuns(delivery: CallDelivery, log: Logger): Promise<number> {
    const lost = await bus.runs.before(delivery.call, Number.MAX_SAFE_INTEGER);
    for (const run of lost) {
      const record = lostRunRecord(delivery.call, run, clock.now());
      await recordWithRetries(deps.recorder, clock, record, settings.ledgerRetryDelayMs);
      log.warn({ execution: run.execution, executor_id: run.executor_id, cost_nanousd: record.cost_nanousd },
        "an earlier run of the call left no result; billed it as lost at the worst case");
    }
    return Math.max(delivery.deliveryCount, ...lost.map((run) => run.execution + 1));
  }

  return async function handleCall(delivery: CallDelivery): Promise<void> {
    const call = delivery.call;
    mark("executor.received", call.call_id);
    const log = lazyChild(logger, { call_id: call.call_id, provider: call.provider, delivery: delivery.deliveryCount });
    // JetStream redelivers a call whose lease runs out; a long provider call keeps renewing it.
    const heartbeat = setInterval(() => { if (!delivery.settled) delivery.working(); }, settings.workingIntervalMs);
    try {
      await run(delivery, call, log);
    } catch (error) {
      if (delivery.settled) {
        log.error({ err: error }, "call handling failed after the delivery was settled");
      } else if (isLast(delivery)) {
        log.error({ err: error }, "call handling failed on the last delivery; dead-lettering the call");
        await giveUp(delivery, "handler_failed", (error as Error).message).catch((e: unknown) => {
          log.error({ err: e }, "could not dead-letter the call");
          if (!delivery.settled) delivery.term("handler failed on the last delivery");
        });
      } else {
        log.error({ err: error }, "call handling failed; the call goes back to the queue");
        delivery.nak(settings.errorRetryDelayMs);
      }
    } finally {
      clearInterval(heartbeat);
    }
  };
}
