// Run markers over the real NATS: what a redelivery reads back of the runs before it, what a
// withdrawn marker leaves, that the gateway watching its results never hears a marker, and (on a
// private server that is stopped) that no run starts unmarked while NATS is down.
import { afterAll, beforeAll, expect, it } from "vitest";
import { busNames, createNatsBus, newCallId, type CallBus, type ProviderEvent__Output } from "../services/common/src/index.js";
import { natsUrl, uniquePrefix } from "./support/isolation.js";
import { startPrivateNats } from "./support/nats-server.js";

let prefix: string;
let executor: CallBus;
let gateway: CallBus;

beforeAll(async () => {
  prefix = uniquePrefix("runs");
  executor = await createNatsBus({ url: natsUrl(), prefix, name: "runs-executor" });
  gateway = await createNatsBus({ url: natsUrl(), prefix, name: "runs-gateway" });
});

afterAll(async () => {
  await executor?.close();
  await gateway?.close();
});

it("reads back the runs before a delivery, without those withdrawn, and never as a result", async () => {
  const replySubject = busNames(prefix).replySubject("gateway-1");
  const heard: ProviderEvent__Output[] = [];
  const subscription = gateway.subscribeEvents(replySubject, (event) => heard.push(event));
  const call = { call_id: newCallId(), reply_subject: replySubject };
  const other = { call_id: newCallId(), reply_subject: replySubject };
  const run = (execution: number, executorId: string) => ({ call_id: call.call_id, execution, executor_id: executorId, started_unix_ms: 1_000 + execution });

  await executor.runs.started(call, run(1, "executor-a"));
  await executor.runs.started(call, run(2, "executor-b"));
  await executor.runs.started(other, { ...run(1, "executor-a"), call_id: other.call_id });
  executor.runs.withdrawn(call, 2);
  await executor.runs.started(call, run(3, "executor-c"));

  // plain publishes: poll until the store has them
  await expect.poll(async () => (await gateway.runs.before(call, 4)).map((r) => [r.execution, r.executor_id]), { timeout: 5_000 })
    .toEqual([[1, "executor-a"], [3, "executor-c"]]);
  expect((await gateway.runs.before(call, 2)).map((r) => r.started_unix_ms)).toEqual([1_001]);
  expect(await gateway.runs.before(call, 1)).toEqual([]);
  expect((await gateway.runs.before(other, 2)).map((r) => r.call_id)).toEqual([other.call_id]);

  // a result stored for the same call is heard; none of the markers were
  await executor.results.put(call, {
    call_id: call.call_id, request_id: "req", model_id: "m", provider: "p", status: "CALL_STATUS_OK", content: "answer",
    tool_calls: [], finish_reason: "stop", usage: null, cost_nanousd: 0, latency_ms: 0, attempts: 1, error: null,
    executor_id: "executor-c", response_model: "", simulated: false, execution: 3,
  });
  await expect.poll(() => heard.length, { timeout: 5_000 }).toBe(1);
  await new Promise((r) => setTimeout(r, 200));
  expect(heard.map((e) => [e.event, e.result?.content])).toEqual([["result", "answer"]]);
  subscription.unsubscribe();
});

it("does not let a run start while NATS is down: its marker is stored once the server is back", async () => {
  // nats.js drops what is published while the connection is down (it resets its outbound buffer
  // on every dial), so a marker published then would be lost, and with it the bill of a run whose
  // executor is killed before NATS returns
  const nats = await startPrivateNats();
  const runsPrefix = uniquePrefix("runsdown");
  const bus = await createNatsBus({ url: nats.url, prefix: runsPrefix, name: "runs-down-executor" });
  try {
    const call = { call_id: newCallId(), reply_subject: busNames(runsPrefix).replySubject("gateway-1") };
    const down = nats.restart("SIGTERM", 1500);
    await expect.poll(() => bus.healthy(), { timeout: 5_000, interval: 50 }).toBe(false);
    let markedAt = 0;
    const marked = bus.runs.started(call, { call_id: call.call_id, execution: 1, executor_id: "executor-a", started_unix_ms: 1 })
      .then(() => { markedAt = Date.now(); });
    // a run whose executor shuts down while it waits never starts, and leaves no marker
    const stopped = { call_id: newCallId(), reply_subject: call.reply_subject };
    const shutdown = new AbortController();
    const unstarted = bus.runs.started(stopped, { call_id: stopped.call_id, execution: 1, executor_id: "executor-a", started_unix_ms: 1 }, shutdown.signal);
    shutdown.abort(new Error("executor stopping"));
    await expect(unstarted).rejects.toThrow("executor stopping");
    await down;
    const backAt = Date.now();
    await marked;
    // the run may go to the provider only now, after the server came back
    expect(markedAt).toBeGreaterThanOrEqual(backAt);
    const reader = await createNatsBus({ url: nats.url, prefix: runsPrefix, name: "runs-down-reader" });
    try {
      expect((await reader.runs.before(call, 2)).map((r) => [r.execution, r.executor_id])).toEqual([[1, "executor-a"]]);
      expect(await reader.runs.before(stopped, 2)).toEqual([]);
    } finally {
      await reader.close();
    }
  } finally {
    await bus.close();
    await nats.stop();
  }
}, 60_000);
