// Sends provider calls through the CallBus and waits for their results on this gateway's own
// reply subject, each call with a deadline. Events are matched by call id: deltas of a streamed
// call go to its listener, the result ends the wait. A late or duplicate result for a call nobody
// waits for any more is dropped. After a NATS outage the results stored meanwhile are looked up:
// they were published while this gateway's subscription was gone.
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
}

/** After a cancel, how long to wait for the executor's CANCELLED result (it carries the billed cost). */
const CANCEL_GRACE_MS = 3000;

export class CallDispatcher {
  private readonly waiting = new Map<string, Waiting>();
  private readonly subscription: { unsubscribe(): void };
  private readonly resumed: { unsubscribe(): void };

  constructor(
    private readonly bus: CallBus, private readonly replySubject: string, private readonly callTimeoutMs: number,
    private readonly subjectPrefix = "xrouter",
  ) {
    this.subscription = bus.subscribeEvents(replySubject, (event) => {
      if (event.delta) {
        const w = this.waiting.get(event.delta.call_id);
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
    const result = new Promise<ProviderResult__Output>((resolve) => {
      this.waiting.set(callId, { resolve, onDelta: options.onDelta, nextDelta: 0, gap: false });
      timer = setTimeout(() => resolve(placeholder(call, "CALL_STATUS_TIMEOUT", `no result within ${this.callTimeoutMs} ms`, this.callTimeoutMs)), this.callTimeoutMs);
    }).finally(() => {
      clearTimeout(timer);
      this.waiting.delete(callId);
      options.signal?.removeEventListener("abort", onAbort);
    });
    mark("gateway.publish", call.request_id ?? "", { callId });
    try {
      // a PRODUCER span per publish; its context rides in the message headers to the executor
      await inSpan(`publish ${this.subjectPrefix}.calls.${call.provider}`, {
        kind: SpanKind.PRODUCER,
        attributes: {
          [Messaging.system]: "nats", [Messaging.operationType]: "publish", [Messaging.messageId]: callId,
          [Messaging.destination]: `${this.subjectPrefix}.calls.${call.provider}`, [XRouter.callId]: callId,
          [GenAI.requestModel]: call.model_id ?? "",
        },
      }, () => this.bus.publishCall({ ...call, reply_subject: this.replySubject, deadline_unix_ms: deadline }, injectContext()));
    } catch (cause) {
      this.waiting.get(callId)?.resolve(placeholder(call, "CALL_STATUS_UNAVAILABLE", "not sent", 0));
      await result;
      throw unavailable("The executor queue is unavailable; the call was not sent.", cause);
    }
    if (options.signal?.aborted) onAbort();
    else options.signal?.addEventListener("abort", onAbort, { once: true });
    return result;
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
