// The records stream over real NATS JetStream into a real ledger on PostgreSQL: records published
// while the ledger is down are written when it comes up, a batch delivered twice counts once, a
// record the ledger refuses is dropped without taking its batch down, and a message that is not a
// RecordBatch is terminated without stopping the consumer.
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import {
  busNames, createLogger, createRecordPublisher, recordBatchCodec, type CallRecord, type RecordPublisher, type RequestRecord,
} from "../services/common/src/index.js";
import { startLedger, type LedgerHandle } from "../services/ledger/src/app.js";
import { createTestDatabase, natsUrl, queryDatabase, queryUntil, uniquePrefix, type TestDatabase } from "./support/isolation.js";

const silent = createLogger("ledger", "silent");
let nc: NatsConnection;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => { nc = await connect({ servers: natsUrl() }); });
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close().catch(() => undefined); });
afterAll(async () => { await nc?.close(); });

async function harness(label: string) {
  const prefix = uniquePrefix(label);
  const db: TestDatabase = await createTestDatabase(label);
  closers.push(() => db.drop());
  const publisher: RecordPublisher = await createRecordPublisher({ url: natsUrl(), prefix, name: `test-${label}` });
  closers.push(() => publisher.close());
  let ledger: LedgerHandle | undefined;
  const startTheLedger = async () => {
    ledger = await startLedger({
      port: 0, host: "127.0.0.1", dataDir: ".xrouter", logLevel: "silent", databaseUrl: db.url, records: { url: natsUrl(), prefix },
    }, { logger: silent });
    closers.push(() => ledger!.stop());
    return ledger;
  };
  const call = (n: number, extra: Partial<CallRecord> = {}): CallRecord => ({
    call_id: `call_${prefix}_${n}`, request_id: `req_${prefix}_${n}`, tenant_id: `tenant_${prefix}`, key_id: `key_${prefix}`,
    model_id: "gpt-4o-mini", provider: "openai", status: "CALL_STATUS_OK", usage: { input_tokens: 10, output_tokens: 5 },
    cost_nanousd: 1000 + n, latency_ms: 12, attempts: 1, executor_id: "executor-test", created_unix_ms: Date.now(), ...extra,
  });
  const request = (n: number): RequestRecord => ({
    request_id: `req_${prefix}_${n}`, tenant_id: `tenant_${prefix}`, key_id: `key_${prefix}`, routing_strategy: "direct", policy: "cheapest",
    model_used: "gpt-4o-mini", turns: 1, total_cost_nanousd: 1000 + n, status: "ok", http_status: 200, latency_ms: 20, created_unix_ms: Date.now(),
  });
  const waiting = async () => (await (await jetstreamManager(nc)).streams.info(busNames(prefix).recordsStream)).state.messages;
  /** Batches the ledger has not settled yet: not delivered, or delivered and not acked or terminated. */
  const unsettled = async () => {
    const info = await (await jetstreamManager(nc)).consumers.info(busNames(prefix).recordsStream, busNames(prefix).recordsConsumer);
    return info.num_pending + info.num_ack_pending;
  };
  const calls = () => queryDatabase<{ call_id: string; cost_nanousd: string }>(db.url,
    "SELECT call_id, cost_nanousd FROM call_records WHERE tenant_id = $1 ORDER BY call_id", [`tenant_${prefix}`]);
  return { prefix, db, publisher, startTheLedger, call, request, waiting, unsettled, calls };
}

it("writes what was published while the ledger was down, and a batch delivered twice counts once", async () => {
  const h = await harness("recdown");
  // no ledger yet: the stream keeps the batches
  await h.publisher.recordCalls([h.call(1), h.call(2)]);
  await h.publisher.recordCalls([h.call(2), h.call(3)]);
  await h.publisher.recordRequests([h.request(1), h.request(2)]);
  expect(await h.waiting()).toBe(3);

  await h.startTheLedger();
  const rows = await queryUntil<{ call_id: string }>(h.db.url, "SELECT call_id FROM call_records WHERE tenant_id = $1", [`tenant_${h.prefix}`],
    (r) => r.length >= 3);
  expect(rows.map((r) => r.call_id).sort()).toEqual([1, 2, 3].map((n) => `call_${h.prefix}_${n}`));
  const requests = await queryUntil(h.db.url, "SELECT request_id FROM request_records WHERE tenant_id = $1", [`tenant_${h.prefix}`], (r) => r.length >= 2);
  expect(requests).toHaveLength(2);
  // every batch was acked: the work queue is empty
  await expect.poll(h.waiting, { timeout: 5_000 }).toBe(0);

  // the same batch again (a publisher that retried after a lost ack) changes nothing
  await h.publisher.recordCalls([h.call(1), h.call(3)]);
  await expect.poll(h.waiting, { timeout: 5_000 }).toBe(0);
  const spent = await queryDatabase<{ total: string }>(h.db.url, "SELECT SUM(cost_nanousd) AS total FROM call_records WHERE tenant_id = $1",
    [`tenant_${h.prefix}`]);
  expect(Number(spent[0]!.total)).toBe(1001 + 1002 + 1003);
}, 30_000);

it("drops a record the ledger refuses and writes the rest of its batch; skips a message that is not a batch", async () => {
  const h = await harness("recbad");
  await h.startTheLedger();
  const subject = busNames(h.prefix).recordsSubject;
  await jetstream(nc).publish(subject, new TextEncoder().encode("\u00ff\u00fe not a protobuf RecordBatch"));
  await jetstream(nc).publish(subject, recordBatchCodec.encode({ calls: [h.call(1), h.call(2, { tenant_id: "" }), h.call(3)] }));
  await expect.poll(async () => (await h.calls()).length, { timeout: 10_000 }).toBe(2);
  expect((await h.calls()).map((r) => r.call_id)).toEqual([`call_${h.prefix}_1`, `call_${h.prefix}_3`]);
  // the consumer is still running: a later batch lands too, and nothing is left to deliver or redeliver
  await h.publisher.recordCalls([h.call(4)]);
  await expect.poll(async () => (await h.calls()).length, { timeout: 10_000 }).toBe(3);
  await expect.poll(h.unsettled, { timeout: 5_000 }).toBe(0);
  // terminated (a plain +TERM, which NATS 2.9 honours too) and acked messages alike leave the work queue
  expect(await h.waiting()).toBe(0);
}, 30_000);
