// Writing a record while the ledger (or, over NATS, the records stream in front of it) may be
// unreachable for a moment: a NATS restart, a ledger restart. Only an unreachable ledger is tried
// again; one that refused the record would refuse it again.
import type { CallRecord } from "../../../common/src/index.js";
import { LedgerUnavailableError, type CallRecorder, type Clock } from "./ports.js";

export const RECORD_TRIES = 3;

/** Records, trying again `delayMs` after each unreachable ledger; rejects with the last error. */
export async function recordWithRetries(
  recorder: CallRecorder, clock: Clock, record: CallRecord, delayMs: number, tries = RECORD_TRIES,
): Promise<void> {
  for (let tried = 1; ; tried++) {
    try {
      await recorder.recordCall(record);
      return;
    } catch (error) {
      if (tried >= tries || !(error instanceof LedgerUnavailableError)) throw error;
      await clock.sleep(delayMs);
    }
  }
}
