// Sends provider calls through the CallBus and waits for their results on this gateway's own
// reply subject, each call with a deadline. Results are matched by call id; a late or duplicate
// result for a call nobody waits for any more is dropped.
import {
  unavailable, type CallBus, type ProviderCall, type ProviderResult__Output,
} from "../../../common/src/index.js";

export class CallDispatcher {
  private readonly waiting = new Map<string, (result: ProviderResult__Output) => void>();
  private readonly subscription: { unsubscribe(): void };

  constructor(private readonly bus: CallBus, private readonly replySubject: string, private readonly callTimeoutMs: number) {
    this.subscription = bus.subscribeEvents(replySubject, (event) => {
      if (event.result) this.waiting.get(event.result.call_id)?.(event.result);
    });
  }

  dispatch(calls: ProviderCall[]): Promise<ProviderResult__Output[]> {
    return Promise.all(calls.map((call) => this.dispatchOne(call)));
  }

  private async dispatchOne(call: ProviderCall): Promise<ProviderResult__Output> {
    const callId = call.call_id!;
    const deadline = Date.now() + this.callTimeoutMs;
    let timer: NodeJS.Timeout | undefined;
    const result = new Promise<ProviderResult__Output>((resolve) => {
      this.waiting.set(callId, resolve);
      timer = setTimeout(() => resolve(timeoutResult(call, this.callTimeoutMs)), this.callTimeoutMs);
    }).finally(() => { clearTimeout(timer); this.waiting.delete(callId); });
    try {
      await this.bus.publishCall({ ...call, reply_subject: this.replySubject, deadline_unix_ms: deadline });
    } catch (cause) {
      this.waiting.get(callId)?.(timeoutResult(call, 0));
      await result;
      throw unavailable("The executor queue is unavailable; the call was not sent.", cause);
    }
    return result;
  }

  close(): void {
    this.subscription.unsubscribe();
  }
}

function timeoutResult(call: ProviderCall, waitedMs: number): ProviderResult__Output {
  return {
    call_id: call.call_id!, request_id: call.request_id ?? "", model_id: call.model_id ?? "", provider: call.provider ?? "",
    status: "CALL_STATUS_TIMEOUT", content: "", tool_calls: [], finish_reason: "", usage: null, cost_nanousd: 0,
    latency_ms: waitedMs, attempts: 0, executor_id: "", response_model: "", simulated: false,
    error: { code: "timeout", message: `no result within ${waitedMs} ms`, upstream_status: 0, retryable: true },
  };
}
