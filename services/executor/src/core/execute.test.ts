// Billable attempts, circuits, concurrency limits, streaming, cancellation and dead letters, on
// the memory bus with scripted providers.
import { describe, expect, it } from "vitest";
import {
  CallStatus, createMemoryBus, type ProviderCall__Output, type ProviderEvent__Output, type ProviderResult__Output,
} from "../../../common/src/index.js";
import { FakeRecorder, makeCall, manualDelivery, okResponse, quietLogger, registryOf, scriptedProvider, settings } from "../test-fakes.js";
import { CancelRegistry } from "./cancels.js";
import { CircuitBreakers } from "./circuit-breaker.js";
import { ProviderLimits } from "./concurrency.js";
import { createCallHandler, type CallHandlerDeps } from "./handle-call.js";
import { systemClock, type DeadLetterReason } from "./ports.js";
import { ProviderError, type ProviderAdapter, type ProviderStreamEvent } from "./provider.js";

const reset = (partialText = "") => async () => {
  throw new ProviderError("reset", { code: "provider_unreachable", retryable: true, billable: true, partialText });
};
const rateLimited = async () => {
  throw new ProviderError("429", { code: "provider_rate_limited", retryable: true, upstreamStatus: 429 });
};

function setup(adapter: ProviderAdapter, extra: Partial<CallHandlerDeps> = {}) {
  const bus = createMemoryBus();
  const recorder = new FakeRecorder();
  const events: ProviderEvent__Output[] = [];
  const deadLetters: Array<{ call: ProviderCall__Output; reason: DeadLetterReason }> = [];
  bus.subscribeEvents("test.events.gw", (e) => events.push(e));
  const cancels = new CancelRegistry();
  const handle = createCallHandler({
    bus, recorder, providers: registryOf(adapter), clock: systemClock, random: () => 0.5, logger: quietLogger,
    settings: settings(), shutdown: new AbortController().signal, cancels,
    deadLetters: { deadLetter: async (call, reason) => { deadLetters.push({ call, reason }); } },
    ...extra,
  });
  return { bus, recorder, events, handle, cancels, deadLetters };
}

const tick = () => new Promise((r) => setTimeout(r, 5));
const resultOf = (events: ProviderEvent__Output[]) => events.map((e) => e.result).find((r): r is ProviderResult__Output => Boolean(r));

function streamer(pieces: string[], options: { delayMs?: number; failAfter?: number; burst?: boolean } = {}): ProviderAdapter & { started: number } {
  const adapter = {
    kind: "scripted-stream", started: 0,
    complete: async () => okResponse(),
    async stream(_call: ProviderCall__Output, signal: AbortSignal, onEvent: (event: ProviderStreamEvent) => void): Promise<void> {
      adapter.started += 1;
      for (const [i, piece] of pieces.entries()) {
        if (options.failAfter !== undefined && i >= options.failAfter) throw new ProviderError("broke", { code: "provider_unreachable", retryable: true });
        // a burst: every piece in one turn of the event loop, as when one read holds several events
        if (!options.burst) await systemClock.sleep(options.delayMs ?? 0, signal);
        onEvent({ contentDelta: piece });
      }
      onEvent({ finishReason: "stop", usage: { input_tokens: 7, output_tokens: pieces.length } });
    },
  };
  return adapter;
}

describe("billable attempts", () => {
  it("records a retried billable attempt as its own row and the answer under the call id; refusals cost nothing", async () => {
    const { recorder, events, handle } = setup(scriptedProvider(reset("half an ans"), rateLimited, async () => okResponse()));
    const call = makeCall();
    await handle(manualDelivery(call, 2));
    expect(resultOf(events)).toMatchObject({ status: CallStatus.CALL_STATUS_OK, attempts: 3 });
    expect(recorder.records.map((r) => r.call_id)).toEqual([`${call.call_id}#2.1`, call.call_id]);
    const [attempt] = recorder.records;
    expect(attempt).toMatchObject({ status: CallStatus.CALL_STATUS_FAILED, error_code: "provider_unreachable", attempts: 1, usage: { estimated: true } });
    expect(attempt!.cost_nanousd).toBe(Number(attempt!.usage!.input_tokens) * 150 + Number(attempt!.usage!.output_tokens) * 600);
    expect(Number(attempt!.usage!.output_tokens)).toBeGreaterThan(0);
  });

  it("bills the last attempt on the call's own row, once, when every attempt broke", async () => {
    const { recorder, events, handle } = setup(scriptedProvider(reset()));
    const call = makeCall();
    await handle(manualDelivery(call));
    const result = resultOf(events)!;
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_UNAVAILABLE, attempts: 3, usage: { estimated: true } });
    expect(result.cost_nanousd).toBeGreaterThan(0);
    expect(recorder.records.map((r) => r.call_id)).toEqual([`${call.call_id}#1.1`, `${call.call_id}#1.2`, call.call_id]);
    expect(new Set(recorder.records.map((r) => r.cost_nanousd)).size).toBe(1);
  });
});

describe("circuit breaker and concurrency limit", () => {
  it("fails fast with circuit_open once the provider+model failed N times, without calling it", async () => {
    const provider = scriptedProvider(reset());
    const breakers = new CircuitBreakers({ failureThreshold: 2, cooldownMs: 60_000 });
    const { events, handle } = setup(provider, { breakers, settings: settings({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 } }) });
    await handle(manualDelivery(makeCall()));
    await handle(manualDelivery(makeCall()));
    const before = provider.calls.length;
    events.length = 0;
    await handle(manualDelivery(makeCall()));
    await tick();
    expect(provider.calls.length).toBe(before);
    expect(resultOf(events)).toMatchObject({
      status: CallStatus.CALL_STATUS_UNAVAILABLE, attempts: 0, cost_nanousd: 0, error: { code: "circuit_open", retryable: true },
    });
    // another model of the same provider has its own circuit
    events.length = 0;
    await handle(manualDelivery(makeCall({ model_id: "openai/gpt-4o" })));
    expect(provider.calls.length).toBe(before + 1);
  });

  it("keeps at most N attempts of a provider in flight", async () => {
    let inFlight = 0;
    let most = 0;
    const provider = scriptedProvider(async () => {
      most = Math.max(most, ++inFlight);
      await new Promise((r) => setTimeout(r, 20));
      inFlight -= 1;
      return okResponse();
    });
    const { events, handle } = setup(provider, { limits: new ProviderLimits({ openai: 2 }) });
    await Promise.all(Array.from({ length: 6 }, () => handle(manualDelivery(makeCall()))));
    await tick();
    expect(events.filter((e) => e.result?.status === CallStatus.CALL_STATUS_OK)).toHaveLength(6);
    expect(most).toBe(2);
  });
});

describe("streaming", () => {
  it("publishes each delta in order with a rising index, then the full result", async () => {
    const { events, handle } = setup(streamer(["Hel", "lo ", "world"]));
    const call = makeCall({ stream: true });
    await handle(manualDelivery(call));
    await tick();
    expect(events.map((e) => (e.delta ? `delta ${e.delta.index} ${e.delta.content}` : `result ${e.result?.status}`))).toEqual([
      "delta 0 Hel", "delta 1 lo ", "delta 2 world", `result ${CallStatus.CALL_STATUS_OK}`,
    ]);
    expect(events.every((e) => !e.delta || e.delta.call_id === call.call_id)).toBe(true);
    expect(resultOf(events)).toMatchObject({ content: "Hello world", usage: { input_tokens: 7, output_tokens: 3, estimated: false } });
  });

  it("sends the first delta at once, and later deltas that arrive in one turn of the event loop as one message", async () => {
    const { events, handle } = setup(streamer(["Hel", "lo ", "world"], { burst: true }));
    await handle(manualDelivery(makeCall({ stream: true })));
    await tick();
    expect(events.map((e) => (e.delta ? `delta ${e.delta.index} ${e.delta.content}` : `result ${e.result?.status}`))).toEqual([
      "delta 0 Hel", "delta 1 lo world", `result ${CallStatus.CALL_STATUS_OK}`,
    ]);
  });

  it("gathers the deltas after the first for the coalescing window, and sends what is left before the result", async () => {
    const { events, handle } = setup(streamer(["a", "b", "c", "d", "e", "f"], { delayMs: 4 }), {
      settings: settings({ deltaCoalesceMs: 1_000 }),
    });
    await handle(manualDelivery(makeCall({ stream: true })));
    await tick();
    // the window outlasts the stream: the first delta alone, the rest in one message flushed before the result
    expect(events.map((e) => (e.delta ? `delta ${e.delta.index} ${e.delta.content}` : `result ${e.result?.status}`))).toEqual([
      "delta 0 a", "delta 1 bcdef", `result ${CallStatus.CALL_STATUS_OK}`,
    ]);
  });

  it("sends a gathered batch when its window closes, while the stream goes on", async () => {
    const { events, handle } = setup(streamer(Array.from({ length: 12 }, (_, i) => `${i} `), { delayMs: 5 }), {
      settings: settings({ deltaCoalesceMs: 15 }),
    });
    await handle(manualDelivery(makeCall({ stream: true })));
    await tick();
    const deltas = events.filter((e) => e.delta).map((e) => e.delta!);
    expect(deltas[0]!.content).toBe("0 ");
    expect(deltas.map((d) => d.index)).toEqual(deltas.map((_, i) => i));
    expect(deltas.map((d) => d.content).join("")).toBe(Array.from({ length: 12 }, (_, i) => `${i} `).join(""));
    // eleven later pieces ~5 ms apart in 15 ms windows: several messages, each holding more than one piece
    expect(deltas.length).toBeGreaterThan(2);
    expect(deltas.length).toBeLessThan(9);
  });

  it("retries a stream that broke before its first delta, but not one that already sent deltas", async () => {
    const early = streamer(["a", "b"], { failAfter: 0 });
    const first = setup(early);
    await first.handle(manualDelivery(makeCall({ stream: true })));
    expect(early.started).toBe(3);
    const late = streamer(["a ", "b ", "c"], { failAfter: 2 });
    const second = setup(late);
    await second.handle(manualDelivery(makeCall({ stream: true })));
    await tick();
    expect(late.started).toBe(1);
    const result = resultOf(second.events)!;
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_FAILED, content: "a b ", usage: { estimated: true } });
    expect(result.cost_nanousd).toBeGreaterThan(0);
  });

  it("streams a provider without streaming as one delta", async () => {
    const { events, handle } = setup(scriptedProvider(async () => okResponse("all at once")));
    await handle(manualDelivery(makeCall({ stream: true })));
    await tick();
    expect(events.map((e) => e.delta?.content ?? e.result?.content)).toEqual(["all at once", "all at once"]);
  });

  it("aborts on cancel, bills what was streamed as an estimate and answers CANCELLED", async () => {
    const adapter = streamer(Array.from({ length: 50 }, (_, i) => `word${i} `), { delayMs: 10 });
    const { recorder, events, handle, cancels } = setup(adapter);
    const call = makeCall({ stream: true });
    const delivery = manualDelivery(call);
    const running = handle(delivery);
    await expect.poll(() => events.filter((e) => e.delta).length).toBeGreaterThanOrEqual(3);
    cancels.cancel(call.call_id, "client disconnected");
    await running;
    await tick();
    const result = resultOf(events)!;
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_CANCELLED, error: { code: "cancelled" }, usage: { estimated: true } });
    expect(result.content).toBe(events.filter((e) => e.delta).map((e) => e.delta!.content).join(""));
    expect(result.usage!.output_tokens).toBeGreaterThan(0);
    expect(result.cost_nanousd).toBe(Number(result.usage!.input_tokens) * 150 + Number(result.usage!.output_tokens) * 600);
    expect(recorder.records).toMatchObject([{ call_id: call.call_id, status: CallStatus.CALL_STATUS_CANCELLED, cost_nanousd: result.cost_nanousd }]);
    expect(delivery.outcome?.kind).toBe("ack");
  });

  it("answers a call cancelled before it started without calling the provider", async () => {
    const provider = scriptedProvider(async () => okResponse());
    const { events, handle, cancels } = setup(provider);
    const call = makeCall();
    cancels.cancel(call.call_id, "early");
    await handle(manualDelivery(call));
    await tick();
    expect(provider.calls).toHaveLength(0);
    expect(resultOf(events)).toMatchObject({ status: CallStatus.CALL_STATUS_CANCELLED, cost_nanousd: 0, attempts: 0 });
  });
});

describe("dead letters on the last delivery", () => {
  it("dead-letters and answers when handling fails for good", async () => {
    const { bus, events, handle, deadLetters } = setup(scriptedProvider(async () => okResponse()));
    bus.results.get = async () => { throw new Error("KV down"); };
    const call = makeCall();
    const early = manualDelivery(call, 4);
    await handle(early);
    expect(early.outcome).toEqual({ kind: "nak", delayMs: 20 });
    const last = manualDelivery(call, 5);
    await handle(last);
    await tick();
    expect(last.outcome?.kind).toBe("term");
    expect(deadLetters).toMatchObject([{ call: { call_id: call.call_id }, reason: "handler_failed" }]);
    expect(resultOf(events)).toMatchObject({ status: CallStatus.CALL_STATUS_UNAVAILABLE, error: { code: "dead_lettered", retryable: true } });
  });

  it("dead-letters a call whose ledger record could not be written, after answering with its result", async () => {
    const { events, handle, deadLetters } = setup(scriptedProvider(async () => okResponse("fine")), { recorder: new FakeRecorder(99) });
    await handle(manualDelivery(makeCall(), 5));
    await tick();
    expect(deadLetters.map((d) => d.reason)).toEqual(["ledger_unreachable"]);
    expect(resultOf(events)).toMatchObject({ status: CallStatus.CALL_STATUS_OK, content: "fine" });
  });
});
