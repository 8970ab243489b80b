// The in-process CallBus used when no NATS server is reachable: the same contract (redelivery on
// nak or on an expired lease, at most maxDeliver deliveries, msg-id de-duplication), in one process.
import { EventEmitter } from "node:events";
import type { ProviderCall } from "../generated/xrouter/executor/v1/ProviderCall.js";
import type { ProviderEvent } from "../generated/xrouter/executor/v1/ProviderEvent.js";
import type { ProviderResult__Output } from "../generated/xrouter/executor/v1/ProviderResult.js";
import type { RunStarted__Output } from "../generated/xrouter/executor/v1/RunStarted.js";
import { cancelCallCodec, providerCallCodec, providerEventCodec, runStartedCodec } from "../proto.js";
import { concurrencySlots } from "./slots.js";
import { OnceSettledDelivery, type CallBus, type CallDelivery, type ConsumeHandle, type Headers } from "./types.js";

const CANCELS = "\u0000cancels";

interface Queued { bytes: Uint8Array; headers: Headers; deliveries: number; publishedUnixMs: number }

export function createMemoryBus(options: { ackWaitMs?: number; maxDeliver?: number } = {}): CallBus {
  const ackWaitMs = options.ackWaitMs ?? 30_000;
  const maxDeliver = options.maxDeliver ?? 5;
  const queue: Queued[] = [];
  const seenIds = new Set<string>();
  const events = new EventEmitter().setMaxListeners(0);
  const results = new Map<string, ProviderResult__Output>();
  // a call's run markers, dropped when the call leaves the queue for good (nothing can read them then)
  const runs = new Map<string, Map<number, RunStarted__Output>>();
  const wakeups = new Set<() => void>();
  let inFlight = 0;
  const wake = () => { for (const w of [...wakeups]) w(); };
  const enqueue = (item: Queued, delayMs = 0) => {
    if (delayMs > 0) setTimeout(() => { queue.push(item); wake(); }, delayMs).unref();
    else { queue.push(item); wake(); }
  };

  const bus: CallBus = {
    kind: "memory",
    async publishCall(call: ProviderCall, headers: Headers = {}) {
      bus.sendCall(call, headers);
    },

    sendCall(call: ProviderCall, headers: Headers = {}) {
      if (call.call_id && seenIds.has(call.call_id)) return true;
      if (call.call_id) seenIds.add(call.call_id);
      enqueue({ bytes: providerCallCodec.encode(call), headers, deliveries: 0, publishedUnixMs: Date.now() });
      return true;
    },

    async consumeCalls(handler, { concurrency }): Promise<ConsumeHandle> {
      let stopped = false;
      const running = new Set<Promise<void>>();
      const slots = concurrencySlots(concurrency, () => queueMicrotask(pump));
      const deliver = (item: Queued) => {
        item.deliveries += 1;
        inFlight += 1;
        let lease: NodeJS.Timeout;
        const expire = () => { if (!delivery.settled) delivery.nak(0); };
        const freeSlot = slots.take();
        const call = providerCallCodec.decode(item.bytes);
        const done = () => { clearTimeout(lease); runs.delete(call.call_id); };
        const delivery: CallDelivery = new OnceSettledDelivery(call, item.deliveries, item.publishedUnixMs, item.headers, {
          ack: done,
          nak: (delayMs) => {
            if (item.deliveries >= maxDeliver) { done(); return; }
            clearTimeout(lease);
            enqueue(item, delayMs ?? 0);
          },
          term: done,
          working: () => { clearTimeout(lease); lease = setTimeout(expire, ackWaitMs); },
        }, freeSlot);
        lease = setTimeout(expire, ackWaitMs);
        const task = handler(delivery)
          .catch(() => { if (!delivery.settled) delivery.nak(1000); })
          .finally(() => { inFlight -= 1; running.delete(task); freeSlot(); pump(); });
        running.add(task);
      };
      const pump = () => {
        while (!stopped && !slots.full(running.size) && queue.length > 0) deliver(queue.shift()!);
      };
      wakeups.add(pump);
      pump();
      return {
        inFlight: () => running.size,
        async stop() {
          stopped = true;
          wakeups.delete(pump);
          await Promise.allSettled([...running]);
        },
      };
    },

    publishEvent(subject: string, event: ProviderEvent) {
      // encode/decode keeps the same value semantics as the NATS path (defaults, no shared objects)
      const decoded = providerEventCodec.decode(providerEventCodec.encode(event));
      queueMicrotask(() => events.emit(subject, decoded));
    },

    subscribeEvents(subject, handler) {
      const listener = (event: ReturnType<typeof providerEventCodec.decode>) => handler(event, {});
      events.on(subject, listener);
      return { unsubscribe: () => events.off(subject, listener) };
    },

    publishCancel(cancel) {
      const decoded = cancelCallCodec.decode(cancelCallCodec.encode(cancel));
      queueMicrotask(() => events.emit(CANCELS, decoded));
    },

    subscribeCancels(handler) {
      events.on(CANCELS, handler);
      return { unsubscribe: () => events.off(CANCELS, handler) };
    },

    results: {
      async get(call) { return results.get(call.call_id); },
      async put(call, result) {
        results.set(call.call_id, result);
        // as over NATS, storing a result is what tells its caller
        bus.publishEvent(call.reply_subject, { result });
      },
    },

    runs: {
      async started(call, run) {
        const decoded = runStartedCodec.decode(runStartedCodec.encode(run));
        const ofCall = runs.get(call.call_id) ?? new Map<number, RunStarted__Output>();
        runs.set(call.call_id, ofCall.set(decoded.execution, decoded));
      },
      withdrawn(call, execution) { runs.get(call.call_id)?.delete(execution); },
      async before(call, execution) {
        return [...(runs.get(call.call_id)?.values() ?? [])].filter((r) => r.execution < execution).sort((a, b) => a.execution - b.execution);
      },
    },

    async consumerLag() { return { pending: queue.length, ackPending: inFlight }; },
    async healthy() { return true; },
    // in-process: never down, so never resumed
    onResumed: () => ({ unsubscribe() { /* nothing to stop */ } }),
    async close() { wakeups.clear(); },
  };
  return bus;
}
