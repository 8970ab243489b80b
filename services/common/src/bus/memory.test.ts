import { describe, expect, it } from "vitest";
import { newCallId } from "../ids.js";
import { createMemoryBus } from "./memory.js";
import type { CallDelivery } from "./types.js";

const call = (callId: string) => ({
  call_id: callId, request_id: "req", tenant_id: "t", key_id: "k", model_id: "m", provider: "p", upstream_model: "m",
  messages: [{ role: "user", content: "hi" }], reply_subject: "test.events.gw",
});

describe("the in-process bus's run markers", () => {
  it("keeps a call's markers for its redelivery and drops them once the call is settled for good", async () => {
    const bus = createMemoryBus({ ackWaitMs: 5_000, maxDeliver: 3 });
    const seen: { delivery: number; earlier: number[] }[] = [];
    let resolveSettled!: () => void;
    const settled = new Promise<void>((resolve) => { resolveSettled = resolve; });
    const consumer = await bus.consumeCalls(async (delivery: CallDelivery) => {
      const earlier = (await bus.runs.before(delivery.call, delivery.deliveryCount)).map((r) => r.execution);
      seen.push({ delivery: delivery.deliveryCount, earlier });
      await bus.runs.started(delivery.call, {
        call_id: delivery.call.call_id, execution: delivery.deliveryCount, executor_id: "e", started_unix_ms: 0,
      });
      if (delivery.deliveryCount < 2) delivery.nak(0);
      else { delivery.ack(); resolveSettled(); }
    }, { concurrency: 1 });
    const owner = call(newCallId());
    await bus.publishCall(owner);
    await settled;
    await consumer.stop();
    // the redelivery saw the first run's marker; the ack dropped both (nothing reads them any more)
    expect(seen).toEqual([{ delivery: 1, earlier: [] }, { delivery: 2, earlier: [1] }]);
    expect(await bus.runs.before(owner, 99)).toEqual([]);
  });

  it("forgets a withdrawn marker", async () => {
    const bus = createMemoryBus();
    const owner = call(newCallId());
    await bus.runs.started(owner, { call_id: owner.call_id, execution: 1, executor_id: "e", started_unix_ms: 0 });
    await bus.runs.started(owner, { call_id: owner.call_id, execution: 2, executor_id: "e", started_unix_ms: 0 });
    bus.runs.withdrawn(owner, 1);
    expect((await bus.runs.before(owner, 3)).map((r) => r.execution)).toEqual([2]);
  });
});
