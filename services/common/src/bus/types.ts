// The transport between the gateway and the executor pool. NATS JetStream in every deployment;
// an in-process twin with the same contract when `npm start` finds no NATS server.
import type { ProviderCall } from "../generated/xrouter/executor/v1/ProviderCall.js";
import type { ProviderCall__Output } from "../generated/xrouter/executor/v1/ProviderCall.js";
import type { ProviderEvent, ProviderEvent__Output } from "../generated/xrouter/executor/v1/ProviderEvent.js";
import type { ProviderResult__Output } from "../generated/xrouter/executor/v1/ProviderResult.js";
import type { CancelCall, CancelCall__Output } from "../generated/xrouter/executor/v1/CancelCall.js";
import type { RunStarted, RunStarted__Output } from "../generated/xrouter/executor/v1/RunStarted.js";

export type Headers = Record<string, string>;

/** One delivery of a call. Exactly one of ack / nak / term may be called; a second one throws. */
export interface CallDelivery {
  call: ProviderCall__Output;
  /**
   * 1 on the first delivery, 2 on the first redelivery, ... as the queue counts. NATS 2.9 can
   * count a call whose lease ran out, delivered to another consumer, as 1 again, so "1" does not
   * prove that no run came before: `publishedUnixMs` tells a delivery that old apart.
   */
  deliveryCount: number;
  /** When the call entered the queue (the stream's timestamp). */
  publishedUnixMs: number;
  headers: Headers;
  ack(): void;
  nak(delayMs?: number): void;
  term(reason?: string): void;
  /** Extends the lease of a long call so the queue does not redeliver it. */
  working(): void;
  /**
   * The call's work is done and only its settling is left (its record is on its way): its
   * concurrency slot goes to the next call. Idempotent; the handler's end frees it too.
   */
  freeSlot(): void;
  readonly settled: boolean;
}

export interface ConsumeHandle {
  /** Stops pulling, waits for the handlers in flight, then returns. */
  stop(): Promise<void>;
  inFlight(): number;
}

/** What identifies a call's stored result: the call, and the caller that waits for it. */
export type ResultOwner = Pick<ProviderCall__Output, "call_id" | "reply_subject">;

export interface ResultStore {
  get(call: ResultOwner): Promise<ProviderResult__Output | undefined>;
  /**
   * Stores the result, and by that alone tells the waiting caller (its subscribeEvents hears the
   * result): no event needs publishing for a stored result. Resolves once the transport took it;
   * over NATS that is not JetStream's acknowledgement that it is stored (nats.ts says why), except
   * while the transport is down: then once the store has it. Rejects with `signal`'s reason if it
   * aborts first.
   */
  put(call: ResultOwner, result: ProviderResult__Output, signal?: AbortSignal): Promise<void>;
}

/**
 * Which runs of a call may have reached the provider: an executor marks a run before the run sends
 * anything upstream, so a later delivery can bill a run whose executor died with the answer
 * unrecorded (CALL_STATUS_LOST). Markers outlive every redelivery of their call, then expire.
 */
export interface RunLog {
  /**
   * Resolves once the marker is on its way to the store, ahead of anything sent after it; while
   * the transport is down, only once the store has it. Rejects with `signal`'s reason if it aborts
   * first: the run must not start.
   */
  started(call: ResultOwner, run: RunStarted, signal?: AbortSignal): Promise<void>;
  /** The run billed itself without a result (handed back on shutdown): a later delivery must not bill it again. */
  withdrawn(call: ResultOwner, execution: number): void;
  /** The markers of the call's runs numbered below `execution`, in order. */
  before(call: ResultOwner, execution: number): Promise<RunStarted__Output[]>;
}

export interface CallBus {
  readonly kind: "nats" | "memory";
  /** Resolves once the stream has stored the call (a repeated call id is stored once and resolves too). */
  publishCall(call: ProviderCall, headers?: Headers): Promise<void>;
  /**
   * Hands the call to the stream without waiting to hear that it was stored (on NATS, an
   * acknowledgement is one more wake-up of the caller, on the answer's path); false when it cannot
   * be handed over now. The call's first event, or `publishCall` of the same call, tells that it was stored.
   */
  sendCall(call: ProviderCall, headers?: Headers): boolean;
  consumeCalls(handler: (delivery: CallDelivery) => Promise<void>, options: { concurrency: number }): Promise<ConsumeHandle>;
  publishEvent(subject: string, event: ProviderEvent, headers?: Headers): void;
  subscribeEvents(subject: string, handler: (event: ProviderEvent__Output, headers: Headers) => void): { unsubscribe(): void };
  /** Tells whichever executor runs the call to abort it. */
  publishCancel(cancel: CancelCall): void;
  /** Executors: every cancel request, whichever executor holds the call. */
  subscribeCancels(handler: (cancel: CancelCall__Output) => void): { unsubscribe(): void };
  /** Finished results by call id, so a redelivered call is not sent to the provider again. */
  readonly results: ResultStore;
  readonly runs: RunLog;
  /** Calls waiting for an executor and calls delivered but not yet settled (the queue's lag). */
  consumerLag(): Promise<{ pending: number; ackPending: number }>;
  healthy(): Promise<boolean>;
  /**
   * Calls `listener` each time the transport is back after an outage. What was published to this
   * process meanwhile was not delivered: a caller looks up the stored results of the calls it waits for.
   */
  onResumed(listener: () => void): { unsubscribe(): void };
  close(): Promise<void>;
}

const replyToken = (replySubject: string) => replySubject.slice(replySubject.lastIndexOf(".") + 1) || "_";

/** Subject and stream names under one prefix, so tests and tenants of one NATS never collide. */
export function busNames(prefix: string) {
  const upper = prefix.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
  return {
    stream: `${upper}_CALLS`,
    consumer: `${prefix.replace(/[^A-Za-z0-9_-]/g, "_")}-executors`,
    callSubject: (provider: string) => `${prefix}.calls.${provider}`,
    callsWildcard: `${prefix}.calls.>`,
    deadLetterSubject: `${prefix}.dead.calls`,
    replySubject: (instanceId: string) => `${prefix}.events.${instanceId}`,
    cancelSubject: (callId: string) => `${prefix}.cancel.${callId}`,
    cancelWildcard: `${prefix}.cancel.*`,
    resultsBucket: `${upper}_RESULTS`,
    /** A result's key in the bucket: under the caller's reply token, so each caller can watch its own. */
    resultKey: (call: ResultOwner) => `${replyToken(call.reply_subject)}.${call.call_id}`,
    /** The subject a caller watches for the results stored for it. */
    resultsFor: (replySubject: string) => `$KV.${upper}_RESULTS.${replyToken(replySubject)}.*`,
    runsBucket: `${upper}_RUNS`,
    /** A run marker's key: the call's own result key and the run's execution. */
    runKey: (call: ResultOwner, execution: number) => `${replyToken(call.reply_subject)}.${call.call_id}.${execution}`,
    /** What every run key of the call starts with (its execution follows). */
    runKeysOf: (call: ResultOwner) => `${replyToken(call.reply_subject)}.${call.call_id}.`,
    recordsStream: `${upper}_RECORDS`,
    recordsSubject: `${prefix}.records`,
    recordsConsumer: `${prefix.replace(/[^A-Za-z0-9_-]/g, "_")}-ledger`,
  };
}

/** How a transport settles one delivery and extends its lease. */
export interface DeliveryTransport {
  ack(): void;
  nak(delayMs?: number): void;
  term(reason?: string): void;
  working(): void;
}

/**
 * A CallDelivery whose first ack, nak or term counts and whose second throws. A class, not an
 * object literal with a `settled` getter: V8 gives every literal whose accessor is a fresh closure
 * a hidden class of its own, allocated in old space, and each such map kept its delivery (the
 * call, its result, the handler's frames) alive through the young generation's collections until
 * the next mark-compact. The executor promoted ~6 KiB per call that way (bench/README.md, session 8).
 */
export class OnceSettledDelivery implements CallDelivery {
  private isSettled = false;

  constructor(
    readonly call: ProviderCall__Output,
    readonly deliveryCount: number,
    readonly publishedUnixMs: number,
    readonly headers: Headers,
    private readonly transport: DeliveryTransport,
    readonly freeSlot: () => void,
  ) {}

  get settled(): boolean {
    return this.isSettled;
  }

  ack(): void {
    this.settle("ack");
    this.transport.ack();
  }

  nak(delayMs?: number): void {
    this.settle("nak");
    this.transport.nak(delayMs);
  }

  term(reason?: string): void {
    this.settle("term");
    this.transport.term(reason);
  }

  working(): void {
    this.transport.working();
  }

  private settle(what: string): void {
    if (this.isSettled) throw new Error(`delivery already settled; refused a second ${what}`);
    this.isSettled = true;
  }
}
