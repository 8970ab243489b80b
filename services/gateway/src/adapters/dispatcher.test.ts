import { describe, expect, it } from "vitest";
import { CallStatus, createMemoryBus, type CallBus, type ProviderCall, type ProviderResult__Output } from "../../../common/src/index.js";
import { CallDispatcher } from "./dispatcher.js";

const call: ProviderCall = {
  call_id: "call_stream_1", request_id: "req_1", model_id: "m", provider: "openai", messages: [{ role: "user", content: "hi" }], stream: true,
};

describe("CallDispatcher", () => {
  it("passes each delta on once and in order, and nothing after a missing one", async () => {
    const bus = createMemoryBus();
    const dispatcher = new CallDispatcher(bus, "test.reply.gw", { callTimeoutMs: 5_000 });
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
    const dispatcher = new CallDispatcher(outageBus, "test.reply.gw", { callTimeoutMs: 5_000 });
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

  describe("sending without waiting for the stream's acknowledgement", () => {
    const ok = (callId: string): ProviderResult__Output => ({
      call_id: callId, request_id: "req_1", model_id: "m", provider: "openai", status: "CALL_STATUS_OK",
      content: "done", tool_calls: [], finish_reason: "stop", usage: null, cost_nanousd: 1, latency_ms: 1,
      attempts: 1, error: null, executor_id: "executor-1", response_model: "", simulated: false, execution: 1,
    });
    /** A memory bus that counts what was sent and what was published with an acknowledgement. */
    function countingBus(options: { canSend?: boolean; publishFails?: boolean } = {}) {
      const bus = createMemoryBus();
      const sent: string[] = [];
      const acknowledged: string[] = [];
      const counting: CallBus = {
        ...bus,
        sendCall: (c, h) => { if (options.canSend === false) return false; sent.push(c.call_id!); return bus.sendCall(c, h); },
        publishCall: async (c, h) => {
          acknowledged.push(c.call_id!);
          if (options.publishFails) throw new Error("no responders: stream not found");
          return bus.publishCall(c, h);
        },
      };
      const answer = (callId: string) => bus.publishEvent("test.reply.gw", { result: ok(callId) });
      return { bus: counting, sent, acknowledged, answer };
    }
    const plain = (id: string): ProviderCall => ({ ...call, call_id: id, stream: false });
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

    it("asks for no acknowledgement of a call whose result comes before confirmAfterMs", async () => {
      const b = countingBus();
      const dispatcher = new CallDispatcher(b.bus, "test.reply.gw", { callTimeoutMs: 5_000, confirmAfterMs: 40 });
      const pending = dispatcher.dispatch([plain("call_fast")]);
      await sleep(5);
      b.answer("call_fast");
      const [result] = await pending;
      await sleep(80);
      expect(result!.content).toBe("done");
      expect(b.sent).toEqual(["call_fast"]);
      expect(b.acknowledged).toEqual([]);
      dispatcher.close();
    });

    it("publishes a call that sent no event within confirmAfterMs again, acknowledged, and still takes its result", async () => {
      const b = countingBus();
      const dispatcher = new CallDispatcher(b.bus, "test.reply.gw", { callTimeoutMs: 5_000, confirmAfterMs: 20 });
      const pending = dispatcher.dispatch([plain("call_slow")]);
      await sleep(60);
      expect(b.acknowledged).toEqual(["call_slow"]);
      b.answer("call_slow");
      const [result] = await pending;
      expect(result!.content).toBe("done");
      dispatcher.close();
    });

    it("a streamed call's first delta confirms it", async () => {
      const b = countingBus();
      const dispatcher = new CallDispatcher(b.bus, "test.reply.gw", { callTimeoutMs: 5_000, confirmAfterMs: 30 });
      const pending = dispatcher.dispatch([{ ...call, call_id: "call_streamed" }], { onDelta: () => undefined });
      await sleep(5);
      b.bus.publishEvent("test.reply.gw", { delta: { call_id: "call_streamed", index: 0, content: "a" } });
      await sleep(60);
      expect(b.acknowledged).toEqual([]);
      b.answer("call_streamed");
      await pending;
      dispatcher.close();
    });

    it("fails a call the stream cannot store with a 503, once the acknowledged publish is refused", async () => {
      const b = countingBus({ publishFails: true });
      const dispatcher = new CallDispatcher(b.bus, "test.reply.gw", { callTimeoutMs: 5_000, confirmAfterMs: 20 });
      const started = Date.now();
      await expect(dispatcher.dispatch([plain("call_unstored")])).rejects.toMatchObject({ status: 503, code: "service_unavailable" });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(b.acknowledged).toEqual(["call_unstored"]);
      dispatcher.close();
    });

    it("waits for the acknowledgement at once when the bus cannot send now, or when confirmAfterMs is 0", async () => {
      for (const [b, confirmAfterMs] of [[countingBus({ canSend: false }), 20], [countingBus(), 0]] as const) {
        const dispatcher = new CallDispatcher(b.bus, "test.reply.gw", { callTimeoutMs: 5_000, confirmAfterMs });
        const pending = dispatcher.dispatch([plain("call_acked")]);
        await sleep(1);
        expect(b.acknowledged).toEqual(["call_acked"]);
        expect(b.sent).toEqual([]);
        b.answer("call_acked");
        await pending;
        dispatcher.close();
      }
    });
  });
});
