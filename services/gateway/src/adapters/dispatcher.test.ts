import { describe, expect, it } from "vitest";
import { CallStatus, createMemoryBus, type CallBus, type ProviderCall, type ProviderResult__Output } from "../../../common/src/index.js";
import { CallDispatcher } from "./dispatcher.js";

const call: ProviderCall = {
  call_id: "call_stream_1", request_id: "req_1", model_id: "m", provider: "openai", messages: [{ role: "user", content: "hi" }], stream: true,
};

describe("CallDispatcher", () => {
  it("passes each delta on once and in order, and nothing after a missing one", async () => {
    const bus = createMemoryBus();
    const dispatcher = new CallDispatcher(bus, "test.reply.gw", 5_000);
    const seen: string[] = [];
    const pending = dispatcher.dispatch([call], { onDelta: (_id, content) => seen.push(content) });
    await new Promise((r) => setTimeout(r, 10));
    const delta = (index: number, content: string) => bus.publishEvent("test.reply.gw", { delta: { call_id: call.call_id, index, content } });
    delta(0, "a");
    delta(0, "a"); // a re-run of the call repeats its first delta
    delta(1, "b");
    delta(3, "d"); // 2 went missing
    delta(2, "c");
    delta(4, "e");
    bus.publishEvent("test.reply.gw", {
      result: {
        call_id: call.call_id, request_id: "req_1", model_id: "m", provider: "openai", status: CallStatus.CALL_STATUS_OK,
        content: "abcde", tool_calls: [], finish_reason: "stop", cost_nanousd: 1, latency_ms: 1, attempts: 1,
      },
    });
    const [result] = await pending;
    await new Promise((r) => setTimeout(r, 10));
    expect(seen).toEqual(["a", "b"]);
    expect(result!.content).toBe("abcde");
    dispatcher.close();
  });

  it("looks up the stored results of its waiting calls when the bus is back after an outage", async () => {
    // a result stored while this gateway's subscription was gone was never heard: only the store has it
    const bus = createMemoryBus();
    let resume: (() => void) | undefined;
    const stored = new Map<string, ProviderResult__Output>();
    const outageBus: CallBus = {
      ...bus,
      results: { ...bus.results, get: async (owner) => stored.get(owner.call_id ?? "") },
      onResumed: (listener) => { resume = listener; return { unsubscribe: () => { resume = undefined; } }; },
    };
    const dispatcher = new CallDispatcher(outageBus, "test.reply.gw", 5_000);
    const plain = { ...call, call_id: "call_plain_1", stream: false };
    const other = { ...call, call_id: "call_plain_2", stream: false };
    const pending = dispatcher.dispatch([plain]);
    const stillWaiting = dispatcher.dispatch([other]);
    await new Promise((r) => setTimeout(r, 10));
    stored.set(plain.call_id, {
      call_id: plain.call_id, request_id: "req_1", model_id: "m", provider: "openai", status: "CALL_STATUS_OK",
      content: "stored in the outage", tool_calls: [], finish_reason: "stop", usage: null, cost_nanousd: 1, latency_ms: 1,
      attempts: 1, error: null, executor_id: "executor-1", response_model: "", simulated: false, execution: 1,
    });
    resume!();
    const [result] = await pending;
    expect(result!.content).toBe("stored in the outage");
    // a call with nothing stored keeps waiting for its result
    let settled = false;
    void stillWaiting.then(() => { settled = true; });
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false);
    dispatcher.close();
    expect(resume).toBeUndefined();
  });
});
