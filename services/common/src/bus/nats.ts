// CallBus over NATS: calls on a JetStream work-queue stream shared by every executor through one
// durable pull consumer; events back to the waiting gateway on core NATS; finished results in a
// KV bucket for idempotent redelivery.
import { connect, headers as natsHeaders, type MsgHdrs, type NatsConnection } from "@nats-io/transport-node";
import {
  AckPolicy, DeliverPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType,
  type JetStreamClient, type JetStreamManager,
} from "@nats-io/jetstream";
import { Kvm, type KV } from "@nats-io/kv";
import { cancelCallCodec, providerCallCodec, providerEventCodec, providerResultCodec, resultEventBytes } from "../proto.js";
import type { ProviderCall } from "../generated/xrouter/executor/v1/ProviderCall.js";
import type { ProviderEvent } from "../generated/xrouter/executor/v1/ProviderEvent.js";
import { consumeBounded, headersOf } from "./bounded-consume.js";
import { busNames, settleOnce, type CallBus, type CallDelivery, type ConsumeHandle, type Headers } from "./types.js";

export interface NatsBusOptions {
  url: string;
  prefix: string;
  name: string;
  /** How long a call may stay unacknowledged before JetStream redelivers it. */
  ackWaitMs?: number;
  maxDeliver?: number;
  resultTtlMs?: number;
}

const NANOS_PER_MS = 1_000_000;

function fromHeaders(h: Headers | undefined): MsgHdrs | undefined {
  if (!h || Object.keys(h).length === 0) return undefined;
  const out = natsHeaders();
  for (const [key, value] of Object.entries(h)) out.set(key, value);
  return out;
}

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
  const nc: NatsConnection = await connect({
    servers: options.url, name: options.name, maxReconnectAttempts: -1, reconnectTimeWait: 500,
    // a stack-captured Error per publish costs ~14% of a process's CPU on the hot path
    noAsyncTraces: true,
  });
  const jsm: JetStreamManager = await jetstreamManager(nc);
  const js: JetStreamClient = jetstream(nc);
  await ensureStream(jsm, names, options);
  const kv: KV = await new Kvm(js).create(names.resultsBucket, {
    history: 1, ttl: options.resultTtlMs ?? 60 * 60 * 1000,
  });

  // the result just stored is the one the caller hears of next: its bytes are reused for the event
  const encodedResults = new WeakMap<object, Uint8Array>();
  return {
    kind: "nats",
    async publishCall(call: ProviderCall, headers?: Headers) {
      await js.publish(names.callSubject(call.provider ?? "unknown"), providerCallCodec.encode(call), {
        msgID: call.call_id, headers: fromHeaders(headers),
      });
    },

    async consumeCalls(handler, { concurrency }): Promise<ConsumeHandle> {
      await ensureConsumer(jsm, names, options);
      const consumer = await js.consumers.get(names.stream, names.consumer);
      const messages = await consumer.consume({ max_messages: concurrency });
      return consumeBounded(messages, concurrency, (m) => {
        // `+TERM <reason>` is a NATS 2.10 addition: 2.9 servers ignore it and redeliver the call after
        // the ack wait, so the reason stays in our logs and the server gets a plain +TERM
        const once = settleOnce({ ack: () => m.ack(), nak: (d) => m.nak(d), term: () => m.term() });
        let delivery: CallDelivery;
        try {
          delivery = {
            call: providerCallCodec.decode(m.data), deliveryCount: m.info.deliveryCount, headers: headersOf(m.headers),
            ack: once.ack, nak: once.nak, term: once.term, working: () => m.working(),
            get settled() { return once.settled; },
          };
        } catch {
          once.term("undecodable ProviderCall");
          return undefined;
        }
        return handler(delivery).catch(() => { if (!delivery.settled) delivery.nak(1000); });
      });
    },

    publishEvent(subject: string, event: ProviderEvent, headers?: Headers) {
      const stored = event.result ? encodedResults.get(event.result) : undefined;
      const bytes = stored ? resultEventBytes(stored) : providerEventCodec.encode(event);
      nc.publish(subject, bytes, { headers: fromHeaders(headers) });
    },

    subscribeEvents(subject, handler) {
      const sub = nc.subscribe(subject, {
        callback: (err, msg) => {
          if (err) return;
          try {
            handler(providerEventCodec.decode(msg.data), headersOf(msg.headers));
          } catch { /* an undecodable event cannot belong to a call we wait for */ }
        },
      });
      return { unsubscribe: () => sub.unsubscribe() };
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
      async get(callId) {
        const entry = await kv.get(callId);
        return entry && entry.length > 0 ? providerResultCodec.decode(entry.value) : undefined;
      },
      async put(result) {
        const bytes = providerResultCodec.encode(result);
        encodedResults.set(result, bytes);
        await kv.put(result.call_id, bytes);
      },
    },

    async consumerLag() {
      const info = await jsm.consumers.info(names.stream, names.consumer);
      return { pending: info.num_pending, ackPending: info.num_ack_pending };
    },

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
      await nc.drain();
    },
  };
}

async function ensureStream(jsm: JetStreamManager, names: ReturnType<typeof busNames>, options: NatsBusOptions) {
  const streamConfig = {
    name: names.stream,
    subjects: [names.callsWildcard],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    duplicate_window: 2 * 60 * 1000 * NANOS_PER_MS,
  };
  try {
    await jsm.streams.info(names.stream);
  } catch {
    try {
      await jsm.streams.add(streamConfig);
    } catch (error) {
      // another process created it between our look and our add
      await jsm.streams.info(names.stream).catch(() => { throw error; });
    }
  }
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
