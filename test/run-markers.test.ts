// Run markers over the real NATS: what a redelivery reads back of the runs before it, what a
// withdrawn marker leaves, and that the gateway watching its results never hears a marker. What a
// NATS outage does to them: test/nats-outage.test.ts.
import { afterAll, beforeAll, expect, it } from "vitest";
import { busNames, createNatsBus, newCallId, type CallBus, type ProviderEvent__Output } from "../services/common/src/index.js";
import { natsUrl, uniquePrefix } from "./support/isolation.js";

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
