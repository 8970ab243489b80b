// What the executor's bus must not lose while its NATS connection is down. nats.js drops what is
// published on a down connection (it resets its outbound buffer on every dial), so a run's marker
// and a finished call's result wait for the connection and are stored with JetStream's
// acknowledgement. On a private nats-server that is stopped and started again.
import { afterEach, beforeEach, expect, it } from "vitest";
import { busNames, createNatsBus, newCallId, type CallBus } from "../services/common/src/index.js";
import { uniquePrefix } from "./support/isolation.js";
import { startPrivateNats, type PrivateNats } from "./support/nats-server.js";

let nats: PrivateNats;
let prefix: string;
let executor: CallBus;

beforeEach(async () => {
  nats = await startPrivateNats();
  prefix = uniquePrefix("outage");
  executor = await createNatsBus({ url: nats.url, prefix, name: "outage-executor" });
});

afterEach(async () => {
  await executor?.close();
  await nats?.stop();
});

/** Stops the server for `downMs` and resolves once it is back; resolves `stopped` once the executor's bus has noticed. */
function outage(downMs: number): { stopped: Promise<void>; back: Promise<void> } {
  const back = nats.restart("SIGTERM", downMs);
  const stopped = expect.poll(() => executor.healthy(), { timeout: 5_000, interval: 50 }).toBe(false) as Promise<void>;
  return { stopped, back };
}

it("does not let a run start while NATS is down: its marker is stored once the server is back", async () => {
  // a marker lost here would take with it the bill of a run whose executor is killed before NATS returns
  const call = { call_id: newCallId(), reply_subject: busNames(prefix).replySubject("gateway-1") };
  const { stopped, back } = outage(2500);
  await stopped;
  let markedAt = 0;
  const marked = executor.runs.started(call, { call_id: call.call_id, execution: 1, executor_id: "executor-a", started_unix_ms: 1 })
    .then(() => { markedAt = Date.now(); });
  // a run whose executor shuts down while it waits never starts, and leaves no marker
  const unstartedCall = { call_id: newCallId(), reply_subject: call.reply_subject };
  const shutdown = new AbortController();
  const unstarted = executor.runs.started(unstartedCall,
    { call_id: unstartedCall.call_id, execution: 1, executor_id: "executor-a", started_unix_ms: 1 }, shutdown.signal);
  shutdown.abort(new Error("executor stopping"));
  await expect(unstarted).rejects.toThrow("executor stopping");
  // the run may not go to the provider while the server is down (it stays down 2.5 s)
  await new Promise((r) => setTimeout(r, 600));
  expect(markedAt).toBe(0);
  await back;
  await marked;
  const reader = await createNatsBus({ url: nats.url, prefix, name: "outage-reader" });
  try {
    expect((await reader.runs.before(call, 2)).map((r) => [r.execution, r.executor_id])).toEqual([[1, "executor-a"]]);
    expect(await reader.runs.before(unstartedCall, 2)).toEqual([]);
  } finally {
    await reader.close();
  }
}, 60_000);

it("stores a result finished while NATS is down once it is back, and tells the gateway to look it up", async () => {
  // a dropped result would leave the gateway waiting and send the call to the provider again on its
  // redelivery; a result stored before the gateway's subscription is back is found by its lookup
  // (CallDispatcher.catchUp) when its bus says it resumed
  const gateway = await createNatsBus({ url: nats.url, prefix, name: "outage-gateway" });
  try {
    let resumed = 0;
    const resumedSubscription = gateway.onResumed(() => { resumed += 1; });
    const call = { call_id: newCallId(), reply_subject: busNames(prefix).replySubject("gateway-1") };
    const { stopped, back } = outage(2500);
    await stopped;
    let storedAt = 0;
    const stored = executor.results.put(call, {
      call_id: call.call_id, request_id: "req", model_id: "m", provider: "p", status: "CALL_STATUS_OK", content: "answered in the dark",
      tool_calls: [], finish_reason: "stop", usage: null, cost_nanousd: 7, latency_ms: 0, attempts: 1, error: null,
      executor_id: "executor-a", response_model: "", simulated: false, execution: 1,
    }).then(() => { storedAt = Date.now(); });
    await new Promise((r) => setTimeout(r, 600));
    expect(storedAt).toBe(0);
    await back;
    await stored;
    // the lookup runs once the gateway's own connection is back, as CallDispatcher.catchUp does
    await expect.poll(() => resumed, { timeout: 10_000 }).toBe(1);
    expect((await gateway.results.get(call))?.content).toBe("answered in the dark");
    resumedSubscription.unsubscribe();
  } finally {
    await gateway.close();
  }
}, 60_000);
