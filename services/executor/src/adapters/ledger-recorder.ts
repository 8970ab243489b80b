// CallRecorder over the ledger's gRPC RecordCall.
import { grpc, isServiceError, type CallRecord, type LedgerClient } from "../../../common/src/index.js";
import { LedgerUnavailableError, type CallRecorder } from "../core/ports.js";

const TRANSIENT = new Set([
  grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED, grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.ABORTED, grpc.status.INTERNAL, grpc.status.UNKNOWN, grpc.status.CANCELLED,
]);

/** The ledger refused the record itself; retrying the same record will not help. */
export class LedgerRejectedError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LedgerRejectedError";
  }
}

export class LedgerCallRecorder implements CallRecorder {
  constructor(private readonly ledger: Pick<LedgerClient, "recordCall">) {}

  async recordCall(record: CallRecord): Promise<void> {
    try {
      await this.ledger.recordCall(record);
    } catch (error) {
      if (isServiceError(error) && !TRANSIENT.has(error.code)) {
        throw new LedgerRejectedError(`ledger refused the record of call ${record.call_id}: ${error.details}`, { cause: error });
      }
      throw new LedgerUnavailableError(`ledger unreachable while recording call ${record.call_id}`, { cause: error });
    }
  }
}
