// Dead letters on NATS: a small JetStream stream `<PREFIX>_DEAD` keeps every call published to
// `<prefix>.dead.calls`, with headers saying why. Calls reach it two ways: the handler gives up
// on a call's last delivery, or JetStream reports (MAX_DELIVERIES advisory) that a call's last
// delivery ran out without being settled, e.g. its executor died; then one executor of the pool
// (a queue group) moves the call out of the work queue and answers its caller.
import { headers as natsHeaders, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import { jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager } from "@nats-io/jetstream";
import { Kvm } from "@nats-io/kv";
import {
  busNames, connectNats, DUPLICATE_WINDOW_NS, ensureStream, NANOS_PER_MS, providerCallCodec, providerEventCodec, providerResultCodec, type Logger, type ProviderCall__Output,
} from "../../../common/src/index.js";
import type { DeadLetterReason, DeadLetterSink } from "../core/ports.js";
import { deadLetteredResult } from "../core/result.js";

export interface NatsDeadLettersOptions {
  url: string;
  prefix: string;
  executorId: string;
  logger: Logger;
  /** How long dead letters are kept. */
  maxAgeMs?: number;
}

export interface NatsDeadLetters extends DeadLetterSink {
  readonly stream: string;
  close(): Promise<void>;
}

export const DEAD_REASON_HEADER = "xrouter-dead-reason";
export const DEAD_DETAIL_HEADER = "xrouter-dead-detail";

export const deadLetterStreamName = (prefix: string) => `${busNames(prefix).stream.replace(/_CALLS$/, "")}_DEAD`;

async function ensureDeadLetterStream(jsm: JetStreamManager, prefix: string, maxAgeMs: number): Promise<string> {
  const name = deadLetterStreamName(prefix);
  await ensureStream(jsm, {
    name, subjects: [busNames(prefix).deadLetterSubject], retention: RetentionPolicy.Limits, storage: StorageType.File,
    max_age: maxAgeMs * NANOS_PER_MS, duplicate_window: DUPLICATE_WINDOW_NS,
  });
  return name;
}

export async function createNatsDeadLetters(options: NatsDeadLettersOptions): Promise<NatsDeadLetters> {
  const names = busNames(options.prefix);
  const log = options.logger;
  const nc: NatsConnection = await connectNats(options.url, `${options.executorId}-dead-letters`);
  const jsm = await jetstreamManager(nc);
  const js = jetstream(nc);
  const stream = await ensureDeadLetterStream(jsm, options.prefix, options.maxAgeMs ?? 14 * 24 * 3600 * 1000);

  async function deadLetter(call: ProviderCall__Output, reason: DeadLetterReason, detail: string, extra: Record<string, string> = {}) {
    const h = natsHeaders();
    h.set(DEAD_REASON_HEADER, reason);
    h.set(DEAD_DETAIL_HEADER, detail.replace(/[\r\n]+/g, " ").slice(0, 300));
    h.set("xrouter-executor-id", options.executorId);
    for (const [key, value] of Object.entries(extra)) h.set(key, value);
    try {
      // the call id as message id: a call dead-lettered twice (handler and advisory) is kept once
      await js.publish(names.deadLetterSubject, providerCallCodec.encode(call), { msgID: call.call_id, headers: h });
      log.warn({ call_id: call.call_id, reason }, "call dead-lettered");
    } catch (error) {
      log.error({ err: error, call_id: call.call_id, reason, detail }, "could not keep a dead letter");
    }
  }

  async function onMaxDeliveries(data: Uint8Array) {
    const advisory = JSON.parse(new TextDecoder().decode(data)) as { stream_seq?: number; deliveries?: number };
    if (!advisory.stream_seq) return;
    const message = await jsm.streams.getMessage(names.stream, { seq: advisory.stream_seq });
    if (!message) return;
    const call = providerCallCodec.decode(message.data);
    // the executor may have died after the provider answered: then the caller gets that answer
    const stored = await new Kvm(js).open(names.resultsBucket).then((kv) => kv.get(names.resultKey(call))).catch(() => null);
    const result = stored && stored.length > 0 ? providerResultCodec.decode(stored.value) : undefined;
    await deadLetter(call, "max_deliveries", `delivered ${advisory.deliveries ?? "?"} times without being settled`,
      result ? { "xrouter-result-stored": "true", "xrouter-cost-nanousd": String(result.cost_nanousd) } : {});
    nc.publish(call.reply_subject, providerEventCodec.encode({ result: result ?? deadLetteredResult(call, options.executorId, "max_deliveries", advisory.deliveries ?? 0) }));
    await jsm.streams.deleteMessage(names.stream, advisory.stream_seq, false);
  }

  const advisories: Subscription = nc.subscribe(`$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.${names.stream}.${names.consumer}`, {
    queue: `${names.consumer}-dead-letters`,
    callback: (err, msg) => {
      if (err) return;
      onMaxDeliveries(msg.data).catch((error: unknown) => log.error({ err: error }, "could not dead-letter an exhausted call"));
    },
  });

  return {
    stream,
    deadLetter,
    async close() {
      advisories.unsubscribe();
      await nc.drain();
    },
  };
}
