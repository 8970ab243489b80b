// Sends provider calls through the CallBus and waits for their results on this gateway's own
// reply subject, each call with a deadline. Events are matched by call id: deltas of a streamed
// call go to its listener, the result ends the wait. A late or duplicate result for a call nobody
// waits for any more is dropped. After a NATS outage the results stored meanwhile are looked up:
// they were published while this gateway's subscription was gone.
//
// A call is handed to the stream without waiting for JetStream's acknowledgement (`sendCall`): on
// the answer's path that acknowledgement is one more wake-up of the gateway, on the core the
// executor needs at that very moment. Its first event (a delta or the result) proves the stream
// stored it; a call that has sent none within `confirmAfterMs` is published again with an
// acknowledgement, which the stream's duplicate window turns into a confirmation (or stores the
// call, had the first send been lost). A call that cannot be stored fails as it would have at once.
import {
  GenAI, injectContext, inSpan, mark, Messaging, SpanKind, unavailable, XRouter,
  type CallBus, type ProviderCall, type ProviderResult__Output,
} from "../../../common/src/index.js";
import type { DispatchOptions } from "../core/orchestrator.js";

interface Waiting {
  resolve(result: ProviderResult__Output): void;
  onDelta?: DispatchOptions["onDelta"];
  /** Deltas travel at most once: the index of the next one expected, and whether one went missing. */
  nextDelta: number;
  gap: boolean;
  /** Until the call's first event: publishes it again, acknowledged. */
  confirm?: NodeJS.Timeout;
  /** Why the stream could not store the call. */
  unsent?: unknown;
}

export interface DispatcherOptions {
  callTimeoutMs: number;
  subjectPrefix?: string;
  /** 0: every call waits for JetStream's acknowledgement before its result. */
  confirmAfterMs?: number;
}

/** After a cancel, how long to wait for the executor's CANCELLED result (it carries the billed cost). */
const CANCEL_GRACE_MS = 3000;

export class CallDispatcher {
  private readonly waiting = new Map<string, Waiting>();
  private readonly subscription: { unsubscribe(): void };
  private readonly resumed: { unsubscribe(): void };

  private readonly callTimeoutMs: number;
  private readonly subjectPrefix: string;
  private readonly confirmAfterMs: number;

  constructor(private readonly bus: CallBus, private readonly replySubject: string, options: DispatcherOptions) {
    this.callTimeoutMs = options.callTimeoutMs;
    this.subjectPrefix = options.subjectPrefix ?? "xrouter";
    this.confirmAfterMs = options.confirmAfterMs ?? 0;
    this.subscription = bus.subscribeEvents(replySubject, (event) => {
      if (event.delta) {
        const w = this.waiting.get(event.delta.call_id);
        if (w?.confirm) {
          clearTimeout(w.confirm);
          w.confirm = undefined;
        }
        if (!w?.onDelta) return;
        // a repeated index is a re-run of the call (a redelivery): its text was sent already. After
        // a missing index nothing more is passed on, so what the client got stays a prefix of the
        // answer (the stream fills in the rest from the result, or fails clearly)
        if (event.delta.index < w.nextDelta || w.gap) return;
        if (event.delta.index > w.nextDelta) { w.gap = true; return; }
        w.nextDelta += 1;
        if (event.delta.index === 0) mark("gateway.first_delta", event.delta.call_id);
        if (event.delta.content) w.onDelta(event.delta.call_id, event.delta.content);
      } else if (event.result) {
        mark("gateway.result", event.result.call_id);
        this.waiting.get(event.result.call_id)?.resolve(event.result);
      }
    });
    this.resumed = bus.onResumed(() => this.catchUp());
  }

  /** The stored results of the calls still waiting; a lookup that fails leaves the call to its result or its deadline. */
  private catchUp(): void {
    for (const [callId, waiting] of this.waiting) {
      void this.bus.results.get({ call_id: callId, reply_subject: this.replySubject }).then(
        (stored) => { if (stored) waiting.resolve(stored); },
        () => undefined,
      );
    }
  }

  dispatch(calls: ProviderCall[], options: DispatchOptions = {}): Promise<ProviderResult__Output[]> {
    return Promise.all(calls.map((call) => this.dispatchOne(call, options)));
  }

  private async dispatchOne(call: ProviderCall, options: DispatchOptions): Promise<ProviderResult__Output> {
    const callId = call.call_id!;
    const deadline = Date.now() + this.callTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const onAbort = () => {
      this.bus.publishCancel({ call_id: callId, reason: "client closed the request" });
      clearTimeout(timer);
      timer = setTimeout(() => this.waiting.get(callId)?.resolve(placeholder(call, "CALL_STATUS_CANCELLED", "cancelled", 0)), CANCEL_GRACE_MS);
    };
    const waiting: Waiting = { resolve: () => undefined, onDelta: options.onDelta, nextDelta: 0, gap: false };
    const result = new Promise<ProviderResult__Output>((resolve) => {
      waiting.resolve = resolve;
      this.waiting.set(callId, waiting);
      timer = setTimeout(() => resolve(placeholder(call, "CALL_STATUS_TIMEOUT", `no result within ${this.callTimeoutMs} ms`, this.callTimeoutMs)), this.callTimeoutMs);
    }).finally(() => {
      clearTimeout(timer);
      clearTimeout(waiting.confirm);
      this.waiting.delete(callId);
      options.signal?.removeEventListener("abort", onAbort);
    });
    mark("gateway.publish", call.request_id ?? "", { callId });
    const message: ProviderCall = { ...call, reply_subject: this.replySubject, deadline_unix_ms: deadline };
    try {
      // a PRODUCER span per publish; its context rides in the message headers to the executor
      await inSpan(`publish ${this.subjectPrefix}.calls.${call.provider}`, {
        kind: SpanKind.PRODUCER,
        attributes: {
          [Messaging.system]: "nats", [Messaging.operationType]: "publish", [Messaging.messageId]: callId,
          [Messaging.destination]: `${this.subjectPrefix}.calls.${call.provider}`, [XRouter.callId]: callId,
          [GenAI.requestModel]: call.model_id ?? "",
        },
      }, async () => {
        const headers = injectContext();
        if (this.confirmAfterMs > 0 && this.bus.sendCall(message, headers)) {
          waiting.confirm = setTimeout(() => this.confirm(message, headers, waiting), this.confirmAfterMs);
        } else {
          await this.bus.publishCall(message, headers);
        }
      });
    } catch (cause) {
      this.notStored(callId, waiting, cause);
    }
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    const outcome = await result;
    if (waiting.unsent !== undefined) throw unavailable("The executor queue is unavailable; the call was not sent.", waiting.unsent);
    return outcome;
  }

  /** No event yet: the same call again, acknowledged (the stream stores a call id once). */
  private confirm(message: ProviderCall, headers: Record<string, string>, waiting: Waiting): void {
    waiting.confirm = undefined;
    this.bus.publishCall(message, headers).catch((cause: unknown) => this.notStored(message.call_id!, waiting, cause));
  }

  private notStored(callId: string, waiting: Waiting, cause: unknown): void {
    // a result that came first answers the call: the stream had it after all
    if (this.waiting.get(callId) !== waiting) return;
    waiting.unsent = cause ?? new Error("not sent");
    waiting.resolve(placeholder({ call_id: callId }, "CALL_STATUS_UNAVAILABLE", "not sent", 0));
  }

  close(): void {
    this.subscription.unsubscribe();
    this.resumed.unsubscribe();
  }
}

function placeholder(call: ProviderCall, status: ProviderResult__Output["status"], message: string, waitedMs: number): ProviderResult__Output {
  return {
    call_id: call.call_id!, request_id: call.request_id ?? "", model_id: call.model_id ?? "", provider: call.provider ?? "",
    status, content: "", tool_calls: [], finish_reason: "", usage: null, cost_nanousd: 0,
    latency_ms: waitedMs, attempts: 0, executor_id: "", response_model: "", simulated: false, execution: 0,
    error: { code: status === "CALL_STATUS_TIMEOUT" ? "timeout" : "cancelled", message, upstream_status: 0, retryable: status === "CALL_STATUS_TIMEOUT" },
  };
}
