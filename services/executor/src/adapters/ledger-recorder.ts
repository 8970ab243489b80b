// CallRecorder in batches: records of calls that finish while a batch is on its way travel
// together in the next one (group commit). Over NATS a batch is one publish to the records stream
// (services/common/src/bus/records.ts), which the ledger consumes; in the single-process mode (no
// NATS) it is one RecordCalls RPC. Either way the ledger writes one SQL statement per batch.
import { Batcher, CallStatus, grpc, isServiceError, metrics, type CallRecord } from "../../../common/src/index.js";
import { LedgerUnavailableError, type CallRecorder } from "../core/ports.js";

const TRANSIENT = new Set([
  grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED, grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.ABORTED, grpc.status.INTERNAL, grpc.status.UNKNOWN, grpc.status.CANCELLED,
]);

// only the ledger's own gRPC answer can refuse a record; the stream stores whatever it is given
const isRejection = (error: unknown) => isServiceError(error) && !TRANSIENT.has(error.code);

/** Where batches go: a RecordPublisher (NATS) or a LedgerClient (gRPC). */
export interface CallRecordSink {
  recordCalls(calls: CallRecord[]): Promise<unknown>;
}

/** The ledger refused the record itself; retrying the same record will not help. */
export class LedgerRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LedgerRejectedError";
  }
}

export interface RecorderOptions {
  maxBatch: number;
  maxInFlight: number;
  lingerMs?: number;
}

export class LedgerCallRecorder implements CallRecorder {
  private readonly batcher: Batcher<CallRecord>;

  constructor(ledger: CallRecordSink, options: RecorderOptions = { maxBatch: 128, maxInFlight: 2 }) {
    this.batcher = new Batcher<CallRecord>({
      ...options,
      send: async (records) => { await ledger.recordCalls(records); },
      // one bad record refuses its whole batch: the others must not share its fate
      splitOnError: isRejection,
    });
  }

  async recordCall(record: CallRecord): Promise<void> {
    try {
      await this.batcher.submit(record);
      // counted as sent: a lost run billed again by a yet later delivery counts again (the ledger keeps one row)
      if (record.status === CallStatus.CALL_STATUS_LOST) metrics.lostRuns.inc({ provider: record.provider ?? "", model: record.model_id ?? "" });
    } catch (error) {
      if (isRejection(error)) {
        throw new LedgerRejectedError(`ledger refused the record of call ${record.call_id}: ${(error as grpc.ServiceError).details}`, { cause: error });
      }
      throw new LedgerUnavailableError(`ledger unreachable while recording call ${record.call_id}`, { cause: error });
    }
  }
}
