// The ledger's end of the records stream (services/common/src/bus/records.ts): each batch taken
// from JetStream is written through two group-commit batchers, so the batches that arrive while
// a statement runs share the next one. A batch is acked only when every record in it is written
// or refused; a database failure sends the whole batch back for a later delivery (records are
// idempotent on their ids, so what had landed counts once).
import {
  Batcher, consumeRecords, extractContext, inSpan, metrics, SpanKind,
  type CallRecord__Output, type Logger, type RecordBatch__Output, type RecordConsumer, type RequestRecord__Output,
} from "../../../common/src/index.js";
import { LedgerError } from "../core/errors.js";
import type { Ledger } from "./ledger.js";

export interface RecordStreamSettings {
  url: string;
  prefix: string;
  /** How long the first record of a statement waits for others. */
  lingerMs?: number;
}

/** A record the ledger refuses is a sender's bug: it cannot be written however often it comes back. */
const isRefusal = (error: unknown) => error instanceof LedgerError;

const count = (kind: "call" | "request", total: number, refused: number) => {
  if (total > refused) metrics.ledgerStreamRecords.inc({ kind, outcome: "written" }, total - refused);
  if (refused > 0) metrics.ledgerStreamRecords.inc({ kind, outcome: "refused" }, refused);
};

/**
 * One statement per kind at a time, and a first record waits `lingerMs` for company: nobody waits
 * on these writes (the senders were answered when the stream stored their batches), so fewer,
 * larger statements cost PostgreSQL and the ledger less CPU at every rate.
 */
export function recordBatchWriter(ledger: Pick<Ledger, "recordCalls" | "recordRequests">, log: Logger, lingerMs = 0) {
  const calls = new Batcher<CallRecord__Output>({
    maxBatch: 2048, maxInFlight: 1, lingerMs, send: async (records) => { await ledger.recordCalls(records); }, splitOnError: isRefusal,
  });
  const requests = new Batcher<RequestRecord__Output>({
    maxBatch: 2048, maxInFlight: 1, lingerMs, send: async (records) => { await ledger.recordRequests(records); }, splitOnError: isRefusal,
  });
  return async (batch: RecordBatch__Output): Promise<void> => {
    const written = [...batch.calls.map((c) => calls.submit(c)), ...batch.requests.map((r) => requests.submit(r))];
    const outcomes = await Promise.allSettled(written);
    const failed = outcomes.flatMap((o, i) => (o.status === "rejected" ? [{ error: o.reason as unknown, i }] : []));
    const transient = failed.find((f) => !isRefusal(f.error));
    if (transient) throw transient.error;
    let refusedCalls = 0;
    for (const { error, i } of failed) {
      const isCall = i < batch.calls.length;
      if (isCall) refusedCalls += 1;
      log.error({ err: error, record: isCall ? batch.calls[i] : batch.requests[i - batch.calls.length] },
        "refused a spend record from the stream; it is dropped");
    }
    count("call", batch.calls.length, refusedCalls);
    count("request", batch.requests.length, failed.length - refusedCalls);
  };
}

export async function startRecordStream(settings: RecordStreamSettings, ledger: Ledger, log: Logger): Promise<RecordConsumer> {
  const write = recordBatchWriter(ledger, log, settings.lingerMs);
  let failing = false;
  return consumeRecords(
    { url: settings.url, prefix: settings.prefix, name: "xrouter-ledger-records" },
    async (batch, headers) => {
      try {
        await inSpan("xrouter.ledger.records write", {
          kind: SpanKind.CONSUMER,
          attributes: { "messaging.system": "nats", "xrouter.calls": batch.calls.length, "xrouter.requests": batch.requests.length },
        }, () => write(batch), extractContext(headers));
        if (failing) log.info("records stream: writing again");
        failing = false;
      } catch (error) {
        if (!failing) log.warn({ err: error }, "records stream: a batch could not be written; it is delivered again later");
        failing = true;
        throw error;
      }
    },
    (error) => log.error({ err: error }, "records stream: a message that is not a RecordBatch was dropped"),
  );
}
