import { describe, expect, it } from "vitest";
import { CallStatus, createMemoryBus, type ProviderEvent__Output } from "../../common/src/index.js";
import { startExecutor } from "./app.js";
import { FakeRecorder, hang, makeCall, okResponse, quietLogger, registryOf, scriptedProvider, settings } from "./test-fakes.js";

describe("startExecutor", () => {
  it("answers calls from the memory bus and lets running calls finish on stop", async () => {
    const bus = createMemoryBus();
    const recorder = new FakeRecorder();
    const provider = scriptedProvider(async () => { await new Promise((r) => setTimeout(r, 100)); return okResponse(); });
    const events: ProviderEvent__Output[] = [];
    bus.subscribeEvents("test.events.gw", (e) => events.push(e));
    const executor = await startExecutor({
      bus, recorder, providers: registryOf(provider), logger: quietLogger,
      config: { concurrency: 2, drainTimeoutMs: 5_000, handler: settings() },
    });
    await bus.publishCall(makeCall({ call_id: "call_drain" }));
    await expect.poll(() => executor.inFlight()).toBe(1);
    await executor.stop();
    expect(events.map((e) => e.result?.status)).toEqual([CallStatus.CALL_STATUS_OK]);
    expect(recorder.records).toHaveLength(1);
  });

  it("hands calls still running after the drain timeout back to the queue, unrecorded", async () => {
    const bus = createMemoryBus();
    const recorder = new FakeRecorder();
    const first = scriptedProvider(hang);
    const events: ProviderEvent__Output[] = [];
    bus.subscribeEvents("test.events.gw", (e) => events.push(e));
    const stopping = await startExecutor({
      bus, recorder, providers: registryOf(first), logger: quietLogger,
      config: { concurrency: 1, drainTimeoutMs: 50, handler: settings({ executorId: "executor-a" }) },
    });
    await bus.publishCall(makeCall({ call_id: "call_handback" }));
    await expect.poll(() => first.calls.length).toBe(1);
    await stopping.stop();
    expect(events).toHaveLength(0);
    expect(recorder.records).toHaveLength(0);

    const next = await startExecutor({
      bus, recorder, providers: registryOf(scriptedProvider(async () => okResponse("from b"))), logger: quietLogger,
      config: { concurrency: 1, drainTimeoutMs: 1_000, handler: settings({ executorId: "executor-b" }) },
    });
    await expect.poll(() => events.length).toBe(1);
    await next.stop();
    expect(events[0]?.result).toMatchObject({ content: "from b", executor_id: "executor-b" });
    expect(recorder.records.map((r) => r.executor_id)).toEqual(["executor-b"]);
  });

  it("runs more than ten calls at once without a listener-leak warning", async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on("warning", onWarning);
    try {
      const bus = createMemoryBus();
      const provider = scriptedProvider(async () => { await new Promise((r) => setTimeout(r, 50)); return okResponse(); });
      const executor = await startExecutor({
        bus, recorder: new FakeRecorder(), providers: registryOf(provider), logger: quietLogger,
        config: { concurrency: 16, drainTimeoutMs: 5_000, handler: settings() },
      });
      for (let i = 0; i < 16; i += 1) await bus.publishCall(makeCall({ call_id: `call_many_${i}` }));
      await expect.poll(() => provider.calls.length).toBe(16);
      await executor.stop();
      await new Promise((r) => setImmediate(r));
      expect(warnings.filter((name) => name === "MaxListenersExceededWarning")).toEqual([]);
    } finally {
      process.off("warning", onWarning);
    }
  });
});
