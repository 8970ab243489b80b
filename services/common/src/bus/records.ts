// Spend records on NATS: executors (calls) and gateways (requests) publish batches of records to
// the JetStream work-queue stream `<PREFIX>_RECORDS`; the ledger consumes it with one durable
// consumer and acks a batch only once it is written. A publish resolves when the stream has stored
// the batch, so a record is safe from that moment: a ledger that is down, restarting or slow only
// delays it. Compared with a gRPC call per batch, a publish costs the sender a fraction of the CPU
// (no HTTP/2 stream, no deadline timers) and the sender never waits on PostgreSQL.
import type { NatsConnection } from "@nats-io/transport-node";
import {
  AckPolicy, DeliverPolicy, jetstream, jetstreamManager, RetentionPolicy, StorageType, type JetStreamManager,
} from "@nats-io/jetstream";
import type { CallRecord } from "../generated/xrouter/ledger/v1/CallRecord.js";
import type { RecordBatch__Output } from "../generated/xrouter/ledger/v1/RecordBatch.js";
import type { RequestRecord } from "../generated/xrouter/ledger/v1/RequestRecord.js";
import { recordBatchCodec } from "../proto.js";
import { injectContext } from "../telemetry/tracing.js";
import {
  connectNats, consumeBounded, DUPLICATE_WINDOW_NS, ensureStream, headersOf, NANOS_PER_MS, toMsgHeaders,
} from "./jetstream-helpers.js";
import { busNames, type Headers } from "./types.js";


export interface RecordStreamOptions {
  url: string;
  prefix: string;
  /** Connection name, as NATS monitoring shows it. */
  name: string;
}

/** The sending side: what an executor or a gateway hands its finished records to. */
export interface RecordPublisher {
  recordCalls(calls: CallRecord[]): Promise<void>;
  recordRequests(requests: RequestRecord[]): Promise<void>;
  close(): Promise<void>;
}

async function ensureRecordStream(jsm: JetStreamManager, prefix: string): Promise<void> {
  const names = busNames(prefix);
  // no max_age: a record leaves the stream only when the ledger has written it
  await ensureStream(jsm, {
    name: names.recordsStream, subjects: [names.recordsSubject], retention: RetentionPolicy.Workqueue,
    storage: StorageType.File, duplicate_window: DUPLICATE_WINDOW_NS,
  });
}

export async function createRecordPublisher(options: RecordStreamOptions): Promise<RecordPublisher> {
  const nc: NatsConnection = await connectNats(options.url, options.name);
  try {
    await ensureRecordStream(await jetstreamManager(nc), options.prefix);
  } catch (error) {
    await nc.close();
    throw error;
  }
  const js = jetstream(nc);
  const subject = busNames(options.prefix).recordsSubject;
  const publish = async (payload: { calls?: CallRecord[]; requests?: RequestRecord[] }) => {
    await js.publish(subject, recordBatchCodec.encode(payload), { headers: toMsgHeaders(injectContext()) });
  };
  return {
    recordCalls: (calls) => publish({ calls }),
    recordRequests: (requests) => publish({ requests }),
    close: () => nc.drain(),
  };
}

export interface RecordConsumerOptions extends RecordStreamOptions {
  /** Batches written at the same time; more of them share each statement. */
  concurrency?: number;
  /** Redelivery delay of a batch whose write failed (the database is down). */
  retryDelayMs?: number;
  /** How long a batch may stay unacknowledged before it is delivered again. */
  ackWaitMs?: number;
}

export interface RecordConsumer {
  /** Batches taken and not yet settled. */
  inFlight(): number;
  /** Stops taking batches, waits for the ones being written, closes the connection. */
  stop(): Promise<void>;
}

/**
 * Delivers each batch to `write`: the batch is acked when `write` resolves and delivered again
 * (after retryDelayMs) when it throws, until it lands. A message that is not a RecordBatch is
 * terminated and reported to `onUndecodable`: retrying cannot make it readable.
 */
export async function consumeRecords(
  options: RecordConsumerOptions,
  write: (batch: RecordBatch__Output, headers: Headers) => Promise<void>,
  onUndecodable: (error: unknown) => void,
): Promise<RecordConsumer> {
  const names = busNames(options.prefix);
  const concurrency = options.concurrency ?? 256;
  const nc: NatsConnection = await connectNats(options.url, options.name);
  try {
    const jsm = await jetstreamManager(nc);
    await ensureRecordStream(jsm, options.prefix);
    await jsm.consumers.add(names.recordsStream, {
      durable_name: names.recordsConsumer, ack_policy: AckPolicy.Explicit, deliver_policy: DeliverPolicy.All,
      ack_wait: (options.ackWaitMs ?? 30_000) * NANOS_PER_MS, max_ack_pending: concurrency * 4,
    }).catch(async (error: unknown) => {
      await jsm.consumers.info(names.recordsStream, names.recordsConsumer).catch(() => { throw error; });
    });
  } catch (error) {
    await nc.close();
    throw error;
  }
  const consumer = await jetstream(nc).consumers.get(names.recordsStream, names.recordsConsumer);
  const messages = await consumer.consume({ max_messages: concurrency });
  const handle = consumeBounded(messages, concurrency, (m) => {
    let batch: RecordBatch__Output;
    try {
      batch = recordBatchCodec.decode(m.data);
    } catch (error) {
      // a plain +TERM: 2.9 servers ignore `+TERM <reason>` and would deliver it again
      m.term();
      onUndecodable(error);
      return undefined;
    }
    return write(batch, headersOf(m.headers)).then(() => m.ack(), () => m.nak(options.retryDelayMs ?? 2_000));
  });
  let stopping: Promise<void> | undefined;
  return {
    inFlight: () => handle.inFlight(),
    stop: () => (stopping ??= (async () => {
      await handle.stop();
      await nc.drain();
    })()),
  };
}
