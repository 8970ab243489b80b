import { describe, expect, it } from "vitest";
import { CallStatus, createMemoryBus, type ProviderCall } from "../../../common/src/index.js";
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
});
