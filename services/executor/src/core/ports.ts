// What core needs from the outside world besides the bus and the providers, as interfaces so
// tests can substitute fakes (a recorder that fails, a clock without real waiting).
import type { CallRecord, ProviderCall__Output } from "../../../common/src/index.js";

/** Writes one call to the ledger. RecordCall is idempotent per call id and execution, so retrying is safe. */
export interface CallRecorder {
  recordCall(record: CallRecord): Promise<void>;
}

/** Thrown by a recorder when the ledger cannot be reached; the call is retried later. */
export class LedgerUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LedgerUnavailableError";
  }
}

/** Why a call left the queue without a normal answer (the dead-letter header carries it). */
export type DeadLetterReason = "ledger_unreachable" | "handler_failed" | "interrupted" | "max_deliveries";

/** Keeps calls that exhausted their deliveries, for an operator to inspect or replay. */
export interface DeadLetterSink {
  /** Never rejects: a dead letter that cannot be kept is logged by the sink. */
  deadLetter(call: ProviderCall__Output, reason: DeadLetterReason, detail: string, headers?: Record<string, string>): Promise<void>;
}

export interface Clock {
  now(): number;
  /** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** Runs `onTimeout` after `ms` unless the returned function is called first. */
  setTimer(ms: number, onTimeout: () => void): () => void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) => new Promise<void>((resolve, reject) => {
    if (signal?.aborted) { reject(signal.reason); return; }
    const onAbort = () => { clearTimeout(timer); reject(signal!.reason); };
    const timer = setTimeout(() => { signal?.removeEventListener("abort", onAbort); resolve(); }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  }),
  setTimer: (ms, onTimeout) => {
    const timer = setTimeout(onTimeout, ms);
    return () => clearTimeout(timer);
  },
};
