import { describe, expect, it } from "vitest";
import {
  CallStatus, createMemoryBus, type CallBus, type ProviderEvent__Output, type ProviderResult__Output,
} from "../../../common/src/index.js";
import {
  FakeRecorder, GatedRecorder, hang, makeCall, manualDelivery, okResponse, quietLogger, recordingClock, registryOf, scriptedProvider, settings,
} from "../test-fakes.js";
import { createCallHandler, type HandlerSettings } from "./handle-call.js";
import { systemClock, type CallRecorder, type Clock } from "./ports.js";
import { RECORD_TRIES } from "./recording.js";
import { ProviderError, type ProviderAdapter } from "./provider.js";

const rateLimited = (retryAfterMs?: number) => async () => {
  throw new ProviderError("rate limited", { code: "provider_rate_limited", retryable: true, upstreamStatus: 429, retryAfterMs });
};
const badRequest = async () => {
  throw new ProviderError("bad request", { code: "provider_bad_request", retryable: false, upstreamStatus: 400 });
};

function setup<R extends CallRecorder = FakeRecorder>(
  adapter: ProviderAdapter | undefined,
  options: { recorder?: R; clock?: Clock; settings?: Partial<HandlerSettings>; shutdown?: AbortSignal } = {},
) {
  const bus = createMemoryBus({ ackWaitMs: 5_000 });
  const recorder = (options.recorder ?? new FakeRecorder()) as R;
  const events: ProviderEvent__Output[] = [];
  bus.subscribeEvents("test.events.gw", (e) => events.push(e));
  const handle = createCallHandler({
    bus, recorder, providers: registryOf(adapter), clock: options.clock ?? systemClock, random: () => 0.5,
    logger: quietLogger, settings: settings(options.settings), shutdown: options.shutdown ?? new AbortController().signal,
  });
  return { bus, recorder, events, handle };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const results = (events: ProviderEvent__Output[]) => events.map((e) => e.result).filter((r): r is ProviderResult__Output => Boolean(r));

describe("call handling", () => {
  it("stores, records, publishes and acks a successful call, billed at the call's price", async () => {
    const provider = scriptedProvider(async () => okResponse("hi there"));
    const { bus, recorder, events, handle } = setup(provider);
    const call = makeCall();
    const delivery = manualDelivery(call);
    await handle(delivery);
    await tick();
    expect(delivery.outcome).toEqual({ kind: "ack" });
    // 6 plain input tokens at 150, 4 cached at 75, 5 output at 600
    const expectedCost = 6 * 150 + 4 * 75 + 5 * 600;
    const [result] = results(events);
    expect(result).toMatchObject({
      call_id: call.call_id, status: CallStatus.CALL_STATUS_OK, content: "hi there", attempts: 1, cost_nanousd: expectedCost,
      executor_id: "executor-test", response_model: "gpt-4o-mini-2024-07-18", simulated: false, error: null,
    });
    expect(await bus.results.get(call)).toMatchObject({ content: "hi there", cost_nanousd: expectedCost });
    expect(recorder.records).toHaveLength(1);
    expect(recorder.records[0]).toMatchObject({
      call_id: call.call_id, request_id: "req_1", tenant_id: "tenant_1", key_id: "key_1", model_id: "openai/gpt-4o-mini",
      provider: "openai", status: CallStatus.CALL_STATUS_OK, cost_nanousd: expectedCost, attempts: 1, error_code: "", executor_id: "executor-test",
    });
  });

  it("answers TIMEOUT and terms a call whose deadline has passed, without calling the provider", async () => {
    const provider = scriptedProvider(async () => okResponse());
    const { recorder, events, handle } = setup(provider);
    const delivery = manualDelivery(makeCall({ deadline_unix_ms: Date.now() - 1 }));
    await handle(delivery);
    await tick();
    expect(delivery.outcome?.kind).toBe("term");
    expect(provider.calls).toHaveLength(0);
    expect(results(events)).toMatchObject([{ status: CallStatus.CALL_STATUS_TIMEOUT, attempts: 0, error: { code: "deadline_exceeded" } }]);
    expect(recorder.records).toHaveLength(0);
  });

  it("replays a stored result on redelivery: recorded, published, acked, provider not called", async () => {
    const provider = scriptedProvider(async () => okResponse("second call"));
    const { bus, recorder, events, handle } = setup(provider);
    const call = makeCall();
    const first = setup(scriptedProvider(async () => okResponse("first call")));
    await first.handle(manualDelivery(call));
    await bus.results.put(call, (await first.bus.results.get(call))!);
    await tick();
    const answeredBefore = results(events).length;

    const redelivery = manualDelivery(call, 2);
    await handle(redelivery);
    await tick();
    expect(provider.calls).toHaveLength(0);
    expect(redelivery.outcome).toEqual({ kind: "ack" });
    // the replay answers again: the caller may have missed the first answer (a repeat is dropped)
    expect(results(events).slice(answeredBefore).map((r) => r.content)).toEqual(["first call"]);
    // the record bills the run that produced the result (delivery 1), so the ledger keeps one row
    expect(recorder.records.map((r) => [r.call_id, r.execution])).toEqual([[call.call_id, 1]]);
  });

  it("bills both runs of a call redelivered while its first run was still going", async () => {
    let releaseFirst!: () => void;
    const firstRunning = new Promise<void>((resolve) => { releaseFirst = resolve; });
    const provider = scriptedProvider(async () => { await firstRunning; return okResponse("first run"); }, async () => okResponse("second run"));
    const { recorder, handle } = setup(provider);
    const call = makeCall();
    // the first delivery's lease ran out mid-call: the redelivery finds no stored result and runs it again
    const first = handle(manualDelivery(call, 1));
    await tick();
    await handle(manualDelivery(call, 2));
    releaseFirst();
    await first;
    expect(provider.calls).toHaveLength(2);
    // the redelivery took the silent first run for lost and billed it so; the first run's own
    // record, arriving after, replaces that row in the ledger (test/ledger.test.ts)
    expect(recorder.records.map((r) => [r.execution, r.status, Number(r.cost_nanousd) > 0])).toEqual([
      [1, "CALL_STATUS_LOST", true], [2, "CALL_STATUS_OK", true], [1, "CALL_STATUS_OK", true],
    ]);
  });

  it("bills a run whose executor died after marking it: lost, at the worst case, before the call runs again", async () => {
    const provider = scriptedProvider(async () => okResponse("second run"));
    const { bus, recorder, handle } = setup(provider);
    const call = makeCall();
    // what a SIGKILLed executor leaves: its run's marker, no result, no record
    await bus.runs.started(call, { call_id: call.call_id, execution: 1, executor_id: "executor-killed", started_unix_ms: Date.now() });
    const redelivery = manualDelivery(call, 2);
    await handle(redelivery);
    expect(redelivery.outcome).toEqual({ kind: "ack" });
    expect(provider.calls).toHaveLength(1);
    const [lost, rerun] = recorder.records;
    expect(lost).toMatchObject({
      call_id: call.call_id, execution: 1, status: "CALL_STATUS_LOST", error_code: "executor_lost", executor_id: "executor-killed",
      usage: { output_tokens: 100, estimated: true },
    });
    // the worst case the gateway reserved: the whole prompt and max_tokens of output at the call's price
    expect(lost!.usage!.input_tokens).toBeGreaterThan(0);
    expect(lost!.cost_nanousd).toBe(Number(lost!.usage!.input_tokens) * 150 + 100 * 600);
    expect(rerun).toMatchObject({ execution: 2, status: "CALL_STATUS_OK" });
    // a later delivery that replays the stored result bills nothing more
    await handle(manualDelivery(call, 3));
    expect(recorder.records.slice(2).map((r) => [r.execution, r.status])).toEqual([[2, "CALL_STATUS_OK"]]);
  });

  it("takes an old delivery counted 1 for a redelivery: bills the marked run and runs as the next execution", async () => {
    // NATS 2.9 redelivered a call whose executor was killed mid-run with its count at 1 again
    // (test/executor.test.ts); the call's age, a lease and more, gives the redelivery away
    const provider = scriptedProvider(async () => okResponse("after the crash"));
    const { bus, recorder, handle } = setup(provider);
    const call = makeCall();
    await bus.runs.started(call, { call_id: call.call_id, execution: 1, executor_id: "executor-killed", started_unix_ms: Date.now() });
    const recounted = manualDelivery(call, 1, Date.now() - settings().redeliveryAgeMs);
    await handle(recounted);
    expect(recounted.outcome).toEqual({ kind: "ack" });
    expect(recorder.records.map((r) => [r.execution, r.status, r.executor_id])).toEqual([
      [1, "CALL_STATUS_LOST", "executor-killed"], [2, "CALL_STATUS_OK", settings().executorId],
    ]);
    expect((await bus.runs.before(call, 99)).map((r) => [r.execution, r.executor_id])).toEqual([
      [1, "executor-killed"], [2, settings().executorId],
    ]);
    // and an old one that finds the result stored replays it, whatever its count
    await handle(manualDelivery(call, 1, Date.now() - settings().redeliveryAgeMs));
    expect(provider.calls).toHaveLength(1);
    expect(recorder.records.slice(2).map((r) => [r.execution, r.status])).toEqual([[2, "CALL_STATUS_OK"]]);
  });

  it("looks up nothing for a fresh first delivery", async () => {
    const provider = scriptedProvider(async () => okResponse());
    const { bus, handle } = setup(provider);
    const lookups: string[] = [];
    const get = bus.results.get.bind(bus.results);
    bus.results.get = async (owner) => { lookups.push("result"); return get(owner); };
    const before = bus.runs.before.bind(bus.runs);
    bus.runs.before = async (owner, execution) => { lookups.push("markers"); return before(owner, execution); };
    await handle(manualDelivery(makeCall(), 1));
    expect(lookups).toEqual([]);
    expect(provider.calls).toHaveLength(1);
  });

  it("marks a run before the provider hears of it", async () => {
    let bus!: CallBus;
    const call = makeCall();
    const markedFirst: number[][] = [];
    const provider = scriptedProvider(async () => {
      markedFirst.push((await bus.runs.before(call, 99)).map((r) => r.execution));
      return okResponse();
    });
    const handler = setup(provider);
    bus = handler.bus;
    await handler.handle(manualDelivery(call, 1));
    await handler.handle(manualDelivery(call, 2));
    expect(markedFirst).toEqual([[1]]);
    expect((await bus.runs.before(call, 99)).map((r) => [r.execution, r.executor_id])).toEqual([[1, settings().executorId]]);
  });

  it("withdraws the marker of a run handed back on shutdown: the run billed itself", async () => {
    const stopping = new AbortController();
    const provider = scriptedProvider(hang);
    const { bus, recorder, handle } = setup(provider, { shutdown: stopping.signal });
    const call = makeCall();
    const delivery = manualDelivery(call, 1);
    const running = handle(delivery);
    await tick();
    expect(await bus.runs.before(call, 2)).toHaveLength(1);
    stopping.abort(new Error("stopping"));
    await running;
    expect(delivery.outcome).toEqual({ kind: "nak", delayMs: 0 });
    expect(await bus.runs.before(call, 2)).toEqual([]);
    expect(recorder.records.every((r) => r.status !== "CALL_STATUS_LOST")).toBe(true);
  });

  it("tries a run's record again in-process while the ledger is briefly unreachable, then acks", async () => {
    const { recorder, handle } = setup(scriptedProvider(async () => okResponse()), { recorder: new FakeRecorder(RECORD_TRIES - 1) });
    const delivery = manualDelivery(makeCall());
    await handle(delivery);
    expect(delivery.outcome).toEqual({ kind: "ack" });
    expect(recorder.attempts).toBe(RECORD_TRIES);
    expect(recorder.records).toHaveLength(1);
  });

  it("answers at once, naks while the ledger is down, and records the stored result on redelivery without calling the provider again", async () => {
    const bus: CallBus = createMemoryBus({ ackWaitMs: 5_000 });
    const provider = scriptedProvider(async () => okResponse());
    // the run's own tries, then the first redelivery's replay, fail
    const recorder = new FakeRecorder(RECORD_TRIES + 1);
    const events: ProviderEvent__Output[] = [];
    const recordedAtEvent: number[] = [];
    bus.subscribeEvents("test.events.gw", (e) => { events.push(e); recordedAtEvent.push(recorder.records.length); });
    const handler = createCallHandler({
      bus, recorder, providers: registryOf(provider), clock: systemClock, logger: quietLogger,
      settings: settings({ ledgerRetryDelayMs: 20 }), shutdown: new AbortController().signal,
    });
    const consumer = await bus.consumeCalls(handler, { concurrency: 2 });
    await bus.publishCall(makeCall({ call_id: "call_ledger_down" }));
    await expect.poll(() => recorder.records.length, { timeout: 2_000 }).toBe(1);
    // each delivery answered; the first two before anything could be recorded
    expect(recordedAtEvent).toHaveLength(3);
    expect(recordedAtEvent.slice(0, 2)).toEqual([0, 0]);
    await consumer.stop();
    expect(provider.calls).toHaveLength(1);
    expect(recorder.attempts).toBe(RECORD_TRIES + 2);
    expect(recorder.records.map((r) => r.call_id)).toEqual(["call_ledger_down"]);
    // every delivery repeats the same answer; the gateway keeps the first
    expect(new Set(results(events).map((r) => JSON.stringify(r)))).toHaveProperty("size", 1);
  });

  it("frees its concurrency slot once the caller has the answer, before its record settles the delivery", async () => {
    const { handle } = setup(scriptedProvider(async () => okResponse()));
    const delivery = manualDelivery(makeCall());
    await handle(delivery);
    expect(delivery.outcome?.kind).toBe("ack");
    expect(delivery.slotFreed).toBe("before");
  });

  it("keeps taking calls while earlier ones wait only for their records (concurrency 1)", async () => {
    const provider = scriptedProvider(async () => okResponse());
    const { bus, recorder, handle } = setup(provider, { recorder: new GatedRecorder() });
    const consumer = await bus.consumeCalls(handle, { concurrency: 1 });
    for (let i = 0; i < 3; i += 1) await bus.publishCall(makeCall({ call_id: `call_gated_${i}` }));
    // with the slot held until the record, the second call could not start before open()
    await expect.poll(() => provider.calls.length, { timeout: 2_000 }).toBe(3);
    expect(recorder.records).toHaveLength(0);
    expect(consumer.inFlight()).toBe(3);
    recorder.open();
    await consumer.stop();
    expect(recorder.records.map((r) => r.call_id).sort()).toEqual(["call_gated_0", "call_gated_1", "call_gated_2"]);
  });

  it("answers the client on the last delivery even when the ledger stays down", async () => {
    const { events, handle } = setup(scriptedProvider(async () => okResponse()), { recorder: new FakeRecorder(99), settings: { maxDeliver: 3 } });
    const delivery = manualDelivery(makeCall(), 3);
    await handle(delivery);
    await tick();
    expect(delivery.outcome?.kind).toBe("term");
    expect(results(events)).toHaveLength(1);
  });

  it("retries retryable failures with backoff and counts the attempts", async () => {
    const clock = recordingClock();
    const provider = scriptedProvider(rateLimited(), rateLimited(), async () => okResponse());
    const { events, handle } = setup(provider, { clock });
    await handle(manualDelivery(makeCall()));
    await tick();
    expect(provider.calls).toHaveLength(3);
    expect(results(events)[0]).toMatchObject({ status: CallStatus.CALL_STATUS_OK, attempts: 3 });
    // equal jitter with random 0.5: 3/4 of base*2^(n-1)
    expect(clock.sleeps).toEqual(expect.arrayContaining([4, 8]));
  });

  it("waits exactly as long as Retry-After asks", async () => {
    const clock = recordingClock();
    const provider = scriptedProvider(rateLimited(120), async () => okResponse());
    const { events, handle } = setup(provider, { clock });
    const started = Date.now();
    await handle(manualDelivery(makeCall()));
    expect(Date.now() - started).toBeGreaterThanOrEqual(115);
    expect(clock.sleeps).toContain(120);
    await tick();
    expect(results(events)[0]?.attempts).toBe(2);
  });

  it("gives up as UNAVAILABLE when Retry-After reaches past the deadline", async () => {
    const provider = scriptedProvider(rateLimited(60_000));
    const { events, handle } = setup(provider);
    const started = Date.now();
    await handle(manualDelivery(makeCall({ deadline_unix_ms: Date.now() + 2_000 })));
    await tick();
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(results(events)[0]).toMatchObject({
      status: CallStatus.CALL_STATUS_UNAVAILABLE, attempts: 1, error: { code: "provider_rate_limited", upstream_status: 429, retryable: true },
    });
  });

  it("answers UNAVAILABLE when retryable failures exhaust the attempts", async () => {
    const provider = scriptedProvider(rateLimited());
    const { recorder, events, handle } = setup(provider, { settings: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } } });
    await handle(manualDelivery(makeCall()));
    await tick();
    expect(provider.calls).toHaveLength(2);
    expect(results(events)[0]).toMatchObject({ status: CallStatus.CALL_STATUS_UNAVAILABLE, attempts: 2, cost_nanousd: 0 });
    expect(recorder.records[0]).toMatchObject({ status: CallStatus.CALL_STATUS_UNAVAILABLE, error_code: "provider_rate_limited", cost_nanousd: 0 });
  });

  it("does not retry a permanent failure", async () => {
    const provider = scriptedProvider(badRequest);
    const { events, handle } = setup(provider);
    await handle(manualDelivery(makeCall()));
    await tick();
    expect(provider.calls).toHaveLength(1);
    expect(results(events)[0]).toMatchObject({
      status: CallStatus.CALL_STATUS_FAILED, attempts: 1, error: { code: "provider_bad_request", upstream_status: 400, retryable: false },
    });
  });

  it("answers TIMEOUT when the provider is still busy at the deadline, heartbeating meanwhile", async () => {
    const { events, handle } = setup(scriptedProvider(hang), { settings: { workingIntervalMs: 30 } });
    const delivery = manualDelivery(makeCall({ deadline_unix_ms: Date.now() + 200 }));
    await handle(delivery);
    await tick();
    expect(results(events)[0]).toMatchObject({ status: CallStatus.CALL_STATUS_TIMEOUT, error: { code: "timeout" } });
    expect(delivery.outcome?.kind).toBe("ack");
    expect(delivery.workingCalls).toBeGreaterThanOrEqual(3);
  });

  it("estimates usage with the tokenizer when the provider reports none", async () => {
    const provider = scriptedProvider(async () => ({ ...okResponse("Hello, world! How are you?"), usage: undefined }));
    const { events, handle } = setup(provider);
    await handle(manualDelivery(makeCall()));
    await tick();
    const result = results(events)[0]!;
    expect(result.usage).toMatchObject({ estimated: true });
    expect(result.usage!.output_tokens).toBeGreaterThan(3);
    expect(result.usage!.input_tokens).toBeGreaterThan(3);
    expect(result.cost_nanousd).toBe(result.usage!.input_tokens * 150 + result.usage!.output_tokens * 600);
  });

  it("fails a call whose provider has no adapter", async () => {
    const { events, handle } = setup(undefined);
    await handle(manualDelivery(makeCall({ provider: "nobody" })));
    await tick();
    expect(results(events)[0]).toMatchObject({ status: CallStatus.CALL_STATUS_FAILED, error: { code: "provider_unknown" } });
  });

  it("acks when the result store fails but the ledger has the call: nothing will be redelivered", async () => {
    const { bus, recorder, events, handle } = setup(scriptedProvider(async () => okResponse()));
    bus.results.put = async () => { throw new Error("KV down"); };
    const delivery = manualDelivery(makeCall());
    await handle(delivery);
    await tick();
    expect(delivery.outcome).toEqual({ kind: "ack" });
    expect(results(events)).toHaveLength(1);
    expect(recorder.records).toHaveLength(1);
  });

  it("answers by storing the result: no event before the store, none besides it", async () => {
    const { bus, events, handle } = setup(scriptedProvider(async () => okResponse()));
    const put = bus.results.put.bind(bus.results);
    let eventsWhenStored = -1;
    bus.results.put = async (c, r) => { await new Promise((res) => setTimeout(res, 30)); eventsWhenStored = events.length; await put(c, r); };
    const call = makeCall({ call_id: "call_slow_store" });
    const delivery = manualDelivery(call);
    await handle(delivery);
    await tick();
    expect(eventsWhenStored).toBe(0);
    expect(results(events)).toHaveLength(1);
    expect(delivery.outcome).toEqual({ kind: "ack" });
    expect(await bus.results.get(call)).toBeDefined();
  });

  it("records exactly one ledger row per call across many concurrent calls", async () => {
    const provider = scriptedProvider(async () => { await new Promise((r) => setTimeout(r, 5)); return okResponse(); });
    const { bus, recorder, events, handle } = setup(provider, { recorder: new FakeRecorder(3) });
    const consumer = await bus.consumeCalls(handle, { concurrency: 4 });
    const ids = Array.from({ length: 20 }, (_, i) => `call_many_${i}`);
    for (const id of ids) await bus.publishCall(makeCall({ call_id: id }));
    await expect.poll(() => recorder.records.length, { timeout: 3_000 }).toBe(20);
    await consumer.stop();
    expect(recorder.records.map((r) => r.call_id).sort()).toEqual([...ids].sort());
    expect(provider.calls).toHaveLength(20);
    expect(new Set(results(events).map((r) => r.call_id)).size).toBe(20);
  });
});
