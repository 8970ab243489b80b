// Fakes for the executor's unit tests: a scripted provider, a ledger that can be down, a clock
// that remembers how long it was asked to sleep, and a hand-made delivery that records settling.
import { createLogger, type CallDelivery, type CallRecord, type ProviderCall__Output } from "../../common/src/index.js";
import type { HandlerSettings } from "./core/handle-call.js";
import { systemClock, LedgerUnavailableError, type CallRecorder, type Clock } from "./core/ports.js";
import type { ProviderAdapter, ProviderRegistry, ProviderResponse } from "./core/provider.js";

export const quietLogger = createLogger("executor-test", "silent");

export function makeCall(overrides: Partial<ProviderCall__Output> = {}): ProviderCall__Output {
  return {
    call_id: `call_${Math.random().toString(36).slice(2)}`, request_id: "req_1", tenant_id: "tenant_1", key_id: "key_1",
    model_id: "openai/gpt-4o-mini", provider: "openai", upstream_model: "gpt-4o-mini",
    messages: [{ role: "user", content: "Say hello", content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] }],
    params: { max_tokens: 100, stop: [], n: 0, user: "", tools_json: "", tool_choice_json: "", response_format_json: "" },
    price: { input_nanousd_per_token: 150, cached_input_nanousd_per_token: 75, output_nanousd_per_token: 600, cache_write_nanousd_per_token: 150 },
    reply_subject: "test.events.gw", deadline_unix_ms: Date.now() + 10_000, stream: false, budget_lease_id: "",
    ...overrides,
  };
}

export const okResponse = (content = "hello"): ProviderResponse => ({
  content, toolCalls: [], finishReason: "stop", responseModel: "gpt-4o-mini-2024-07-18",
  usage: { input_tokens: 10, output_tokens: 5, cached_input_tokens: 4, reasoning_tokens: 0, cache_write_tokens: 0, estimated: false },
});

type Step = (call: ProviderCall__Output, signal: AbortSignal) => Promise<ProviderResponse>;

/** Runs `steps` in order, one per attempt; the last step repeats. */
export function scriptedProvider(...steps: Step[]): ProviderAdapter & { calls: ProviderCall__Output[] } {
  const calls: ProviderCall__Output[] = [];
  return {
    kind: "scripted",
    calls,
    complete(call, signal) {
      calls.push(call);
      const step = steps[Math.min(calls.length - 1, steps.length - 1)] ?? (async () => okResponse());
      return step(call, signal);
    },
  };
}

/** Never answers; rejects when the signal aborts, as a real HTTP call does. */
export const hang: Step = (_call, signal) => new Promise((_resolve, reject) => {
  signal.addEventListener("abort", () => reject(signal.reason), { once: true });
});

export const registryOf = (adapter: ProviderAdapter | undefined): ProviderRegistry => ({
  get: () => adapter,
  close: async () => {},
});

export class FakeRecorder implements CallRecorder {
  readonly records: CallRecord[] = [];
  attempts = 0;
  constructor(public failuresLeft = 0) {}
  async recordCall(record: CallRecord): Promise<void> {
    this.attempts += 1;
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new LedgerUnavailableError("ledger down (test)");
    }
    // every accepted record is kept, duplicates included, so tests can count them
    this.records.push(record);
  }
}

/** Holds every record until `open()`: calls that only wait for their record. */
export class GatedRecorder implements CallRecorder {
  readonly records: CallRecord[] = [];
  private readonly waiting: Array<() => void> = [];
  private isOpen = false;
  async recordCall(record: CallRecord): Promise<void> {
    if (!this.isOpen) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.records.push(record);
  }
  open(): void {
    this.isOpen = true;
    for (const release of this.waiting.splice(0)) release();
  }
}

export function recordingClock(): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps, now: systemClock.now, setTimer: systemClock.setTimer,
    sleep: (ms, signal) => { sleeps.push(ms); return systemClock.sleep(ms, signal); },
  };
}

export function settings(overrides: Partial<HandlerSettings> = {}): HandlerSettings {
  return {
    executorId: "executor-test", retry: { maxAttempts: 3, baseDelayMs: 5, maxDelayMs: 20 }, workingIntervalMs: 1_000,
    ledgerRetryDelayMs: 20, errorRetryDelayMs: 20, defaultCallTimeoutMs: 5_000, maxDeliver: 5, redeliveryAgeMs: 15_000, ...overrides,
  };
}

export interface ManualDelivery extends CallDelivery {
  outcome?: { kind: "ack" | "nak" | "term"; delayMs?: number; reason?: string };
  workingCalls: number;
  /** When freeSlot was first called, relative to the outcome: "before" the delivery settled, or "after". */
  slotFreed?: "before" | "after";
}

export function manualDelivery(call: ProviderCall__Output, deliveryCount = 1, publishedUnixMs = Date.now()): ManualDelivery {
  const d: ManualDelivery = {
    call, deliveryCount, publishedUnixMs, headers: {}, workingCalls: 0,
    get settled() { return d.outcome !== undefined; },
    ack() { settle({ kind: "ack" }); },
    nak(delayMs) { settle({ kind: "nak", delayMs }); },
    term(reason) { settle({ kind: "term", reason }); },
    working() { d.workingCalls += 1; },
    freeSlot() { d.slotFreed ??= d.outcome ? "after" : "before"; },
  };
  const settle = (o: NonNullable<ManualDelivery["outcome"]>) => {
    if (d.outcome) throw new Error("settled twice");
    d.outcome = o;
  };
  return d;
}
