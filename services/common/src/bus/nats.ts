// CallBus over NATS: calls on a JetStream work-queue stream shared by every executor through one
// durable pull consumer; stream deltas back to the waiting gateway on core NATS; finished results
// in a KV bucket, keyed under the gateway's reply token, which is at once the store that makes a
// redelivery idempotent and the answer: the gateway subscribes to its own keys' subjects.
import { connect, headers as natsHeaders, type NatsConnection } from "@nats-io/transport-node";
import {
  AckPolicy, DeliverPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType,
  type JetStreamClient, type JetStreamManager,
} from "@nats-io/jetstream";
import { Kvm, type KV } from "@nats-io/kv";
import { cancelCallCodec, providerCallCodec, providerEventCodec, providerResultCodec, runStartedCodec } from "../proto.js";
import type { ProviderCall } from "../generated/xrouter/executor/v1/ProviderCall.js";
import type { ProviderEvent } from "../generated/xrouter/executor/v1/ProviderEvent.js";
import {
  connectionWatch, connectNats, consumeBounded, DUPLICATE_WINDOW_NS, ensureStream, headersOf, NANOS_PER_MS, toMsgHeaders, turnBatcher,
} from "./jetstream-helpers.js";
import {
  busNames, OnceSettledDelivery, type CallBus, type CallDelivery, type ConsumeHandle, type Headers, type ResultOwner,
} from "./types.js";

export interface NatsBusOptions {
  url: string;
  prefix: string;
  name: string;
  /** How long a call may stay unacknowledged before JetStream redelivers it. */
  ackWaitMs?: number;
  maxDeliver?: number;
  resultTtlMs?: number;
}

const MINUTE_MS = 60_000;
/** JetStream's de-duplication header: the stream keeps one message per id within its duplicate window. */
const MSG_ID_HEADER = "Nats-Msg-Id";

export async function probeNats(url: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const nc = await connect({ servers: url, timeout: timeoutMs, reconnect: false });
    await nc.close();
    return true;
  } catch {
    return false;
  }
}

export async function createNatsBus(options: NatsBusOptions): Promise<CallBus> {
  const names = busNames(options.prefix);
  const nc: NatsConnection = await connectNats(options.url, options.name);
  const jsm: JetStreamManager = await jetstreamManager(nc);
  const js: JetStreamClient = jetstream(nc);
  await ensureCallStream(jsm, names);
  const kv: KV = await new Kvm(js).create(names.resultsBucket, {
    history: 1, ttl: options.resultTtlMs ?? 60 * 60 * 1000,
  });
  // A run marker is read only by a redelivery of its call, so it must outlive every delivery: the
  // leases of maxDeliver deliveries, twice over for the redelivery delays between them.
  const runTtlMs = Math.max(15 * MINUTE_MS, 2 * (options.ackWaitMs ?? 30_000) * (options.maxDeliver ?? 5));
  const runsKv: KV = await new Kvm(js).create(names.runsBucket, { history: 1, ttl: runTtlMs });
  const runSubject = (call: ResultOwner, execution: number) => `$KV.${names.runsBucket}.${names.runKey(call, execution)}`;
  // the hot publishes, in order: calls (gateway); stream deltas, results, acks (executor)
  const outgoing = turnBatcher();
  const connection = connectionWatch(nc);

  /**
   * What must not be lost while the connection is down (a run's marker, a finished call's result):
   * stored with JetStream's acknowledgement once it is back up. Rejects with `signal`'s reason if
   * it aborts first (the executor stopping).
   */
  async function storeWhenUp(bucket: KV, key: string, data: Uint8Array, signal?: AbortSignal): Promise<void> {
    // a listener on the process's shutdown signal only on this path, and removed when done
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(signal?.reason);
      if (signal?.aborted) onAbort();
      else signal?.addEventListener("abort", onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      for (;;) {
        await Promise.race([connection.whenUp(), aborted]);
        try {
          await Promise.race([bucket.put(key, data), aborted]);
          return;
        } catch (error) {
          if (nc.isClosed() || signal?.aborted) throw error;
          // down again, or JetStream not ready yet on a restarted server: keep waiting
          await Promise.race([new Promise((r) => setTimeout(r, 250)), aborted]);
        }
      }
    } finally {
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    }
  }

  return {
    kind: "nats",
    async publishCall(call: ProviderCall, headers?: Headers) {
      const data = providerCallCodec.encode(call);
      await outgoing.turn();
      await js.publish(names.callSubject(call.provider ?? "unknown"), data, {
        msgID: call.call_id, headers: toMsgHeaders(headers),
      });
    },

    sendCall(call: ProviderCall, headers?: Headers) {
      // while the connection is down the client would drop it silently: the caller publishes with
      // an acknowledgement instead, which waits for the connection or fails
      if (!connection.up()) return false;
      const data = providerCallCodec.encode(call);
      const h = toMsgHeaders(headers) ?? natsHeaders();
      h.set(MSG_ID_HEADER, call.call_id ?? "");
      outgoing.publish(() => nc.publish(names.callSubject(call.provider ?? "unknown"), data, { headers: h }));
      return true;
    },

    async consumeCalls(handler, { concurrency }): Promise<ConsumeHandle> {
      await ensureConsumer(jsm, names, options);
      const consumer = await js.consumers.get(names.stream, names.consumer);
      const messages = await consumer.consume({ max_messages: concurrency });
      return consumeBounded(messages, concurrency, (m, freeSlot) => {
        // `+TERM <reason>` is a NATS 2.10 addition: 2.9 servers ignore it and redeliver the call after
        // the ack wait, so the reason stays in our logs and the server gets a plain +TERM
        const transport = { ack: () => outgoing.publish(() => m.ack()), nak: (d?: number) => m.nak(d), term: () => m.term(), working: () => m.working() };
        let delivery: CallDelivery;
        try {
          delivery = new OnceSettledDelivery(
            providerCallCodec.decode(m.data), m.info.deliveryCount, Math.floor(m.info.timestampNanos / 1e6), headersOf(m.headers), transport, freeSlot);
        } catch {
          // an undecodable ProviderCall: redelivering it cannot help
          m.term();
          return undefined;
        }
        return handler(delivery).catch(() => { if (!delivery.settled) delivery.nak(1000); });
      });
    },

    publishEvent(subject: string, event: ProviderEvent, headers?: Headers) {
      const data = providerEventCodec.encode(event);
      outgoing.publish(() => nc.publish(subject, data, { headers: toMsgHeaders(headers) }));
    },

    subscribeEvents(subject, handler) {
      const events = nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err) return;
          try {
            handler(providerEventCodec.decode(msg.data), headersOf(msg.headers));
          } catch { /* an undecodable event cannot belong to a call we wait for */ }
        },
      });
      // results arrive as the KV store takes them: the executor's put is the answer, no event follows
      const stored = nc.subscribe(names.resultsFor(subject), {
        callback: (err, msg) => {
          if (err || msg.data.length === 0) return;
          try {
            handler({ event: "result", result: providerResultCodec.decode(msg.data) }, {});
          } catch { /* not a result we can read */ }
        },
      });
      return { unsubscribe: () => { events.unsubscribe(); stored.unsubscribe(); } };
    },

    publishCancel(cancel) {
      nc.publish(names.cancelSubject(cancel.call_id ?? ""), cancelCallCodec.encode(cancel));
    },

    subscribeCancels(handler) {
      const sub = nc.subscribe(names.cancelWildcard, {
        callback: (err, msg) => {
          if (err) return;
          try {
            handler(cancelCallCodec.decode(msg.data));
          } catch { /* not a cancel we can read */ }
        },
      });
      return { unsubscribe: () => sub.unsubscribe() };
    },

    results: {
      async get(call) {
        const entry = await kv.get(names.resultKey(call));
        return entry && entry.length > 0 ? providerResultCodec.decode(entry.value) : undefined;
      },
      // A plain publish to the bucket's subject (what kv.put sends) without asking for JetStream's
      // acknowledgement: waiting for it woke the executor once more per call (one of its three or
      // four wake-ups). The acknowledgement added little: the caller hears the result from this
      // very message, stored or not. While the connection is down a publish would be dropped, so
      // the put then waits for it and asks for the acknowledgement (storeWhenUp).
      put(call, result, signal) {
        const data = providerResultCodec.encode(result);
        // a publish while the connection is down would be dropped: the caller would never hear the
        // answer, and the call's redelivery would run it again at the provider
        if (!connection.up()) return storeWhenUp(kv, names.resultKey(call), data, signal);
        return new Promise<void>((resolve, reject) => outgoing.publish(() => {
          try {
            nc.publish(`$KV.${names.resultsBucket}.${names.resultKey(call)}`, data);
            resolve();
          } catch (error) {
            reject(error);
          }
        }));
      },
    },

    runs: {
      // A plain publish, as for results: the marker must reach the server before the provider
      // request leaves, not be acknowledged before it does (a round trip on every call's path).
      // It shares the turn's write with the other publishes (a write of its own per call cost
      // the executor ~45 us and NATS a wake-up). The client writes what was published at the
      // next microtask checkpoint, and the promise resolves after that checkpoint, so a request
      // sent after it is written after the marker.
      started(call, run, signal) {
        const data = runStartedCodec.encode(run);
        // a publish while the connection is down would be dropped, and the run would start unmarked
        if (!connection.up()) return storeWhenUp(runsKv, names.runKey(call, run.execution ?? 0), data, signal);
        return new Promise<void>((resolve, reject) => outgoing.publish(() => {
          try {
            nc.publish(runSubject(call, run.execution ?? 0), data);
          } catch (error) {
            reject(error);
            return;
          }
          queueMicrotask(resolve);
        }));
      },
      withdrawn(call, execution) {
        // what kv.delete sends: a marker that reads as deleted. On a closed connection it stays,
        // and a later delivery bills the run at the worst case: an over-estimate, not a loss.
        const headers = natsHeaders();
        headers.set("KV-Operation", "DEL");
        try {
          nc.publish(runSubject(call, execution), undefined, { headers });
        } catch { /* see above */ }
      },
      async before(call, execution) {
        // the call's markers by their keys (a run's execution need not follow the delivery count,
        // handle-call.ts says why): read only when a delivery may follow an earlier run
        const ofCall = names.runKeysOf(call);
        const earlier: number[] = [];
        for await (const key of await runsKv.keys(`${ofCall}*`)) {
          const n = Number(key.slice(ofCall.length));
          if (Number.isSafeInteger(n) && n < execution) earlier.push(n);
        }
        earlier.sort((a, b) => a - b);
        const entries = await Promise.all(earlier.map((e) => runsKv.get(names.runKey(call, e))));
        return entries.flatMap((entry) => (entry && entry.operation === "PUT" && entry.length > 0 ? [runStartedCodec.decode(entry.value)] : []));
      },
    },

    async consumerLag() {
      const info = await jsm.consumers.info(names.stream, names.consumer);
      return { pending: info.num_pending, ackPending: info.num_ack_pending };
    },

    onResumed: (listener) => connection.onResumed(listener),

    async healthy() {
      if (nc.isClosed()) return false;
      try {
        await nc.flush();
        return true;
      } catch {
        return false;
      }
    },

    async close() {
      outgoing.flush();
      await nc.drain();
    },
  };
}

async function ensureCallStream(jsm: JetStreamManager, names: ReturnType<typeof busNames>) {
  await ensureStream(jsm, {
    name: names.stream,
    subjects: [names.callsWildcard],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: DUPLICATE_WINDOW_NS,
  });
}

/** Only consumers (executors) own the consumer's settings; the last one to start sets them. */
async function ensureConsumer(jsm: JetStreamManager, names: ReturnType<typeof busNames>, options: NatsBusOptions) {
  const consumerConfig = {
    durable_name: names.consumer,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: (options.ackWaitMs ?? 30_000) * NANOS_PER_MS,
    max_deliver: options.maxDeliver ?? 5,
    filter_subject: names.callsWildcard,
  };
  let existing;
  try {
    existing = await jsm.consumers.info(names.stream, names.consumer);
  } catch {
    await jsm.consumers.add(names.stream, consumerConfig).catch(async (error) => {
      await jsm.consumers.info(names.stream, names.consumer).catch(() => { throw error; });
    });
    return;
  }
  if (existing.config.ack_wait !== consumerConfig.ack_wait || existing.config.max_deliver !== consumerConfig.max_deliver) {
    await jsm.consumers.update(names.stream, names.consumer, {
      ack_wait: consumerConfig.ack_wait, max_deliver: consumerConfig.max_deliver,
    });
  }
}
