// Retention of raw records. Budgets and reports read the daily roll-ups (spend_daily,
// requests_daily), so call_records and request_records older than the retention are deleted
// without changing a number; only per-request detail (GET /v1/requests/{id}) ages out. Deletes
// run in batches so a large backlog never holds one long transaction.
import type { Logger } from "../../../common/src/index.js";
import { utcDay } from "../core/budget.js";
import type { Queryable } from "./database.js";
import type { Clock } from "./ledger.js";

const DAY_MS = 24 * 60 * 60 * 1000;
const BATCH = 5_000;

export interface PruneResult {
  /** Records of days before this one (UTC, YYYY-MM-DD) were deleted. */
  before: string;
  callRecords: number;
  requestRecords: number;
}

// by row address: a call's records share its id (one per execution) and may fall on different days
async function deleteBatches(db: Queryable, table: "call_records" | "request_records", before: string) {
  let total = 0;
  for (;;) {
    const rows = await db.query(
      `DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM ${table} WHERE day < $1::date LIMIT ${BATCH})
       RETURNING 1 AS gone`,
      [before],
    );
    total += rows.length;
    if (rows.length < BATCH) return total;
  }
}

/** Deletes raw records whose UTC day is more than `retentionDays` before today. */
export async function pruneRecords(db: Queryable, nowMs: number, retentionDays: number): Promise<PruneResult> {
  const before = utcDay(nowMs - retentionDays * DAY_MS);
  const callRecords = await deleteBatches(db, "call_records", before);
  const requestRecords = await deleteBatches(db, "request_records", before);
  return { before, callRecords, requestRecords };
}

export interface RetentionJob {
  /** Runs one pass now (also what the timer runs). */
  runOnce(): Promise<PruneResult>;
  stop(): Promise<void>;
}

/** Prunes at start and then every intervalMs; retentionDays 0 keeps everything (no job). */
export function startRetentionJob(
  db: Queryable, options: { retentionDays: number; intervalMs: number; now: Clock; log: Logger },
): RetentionJob | undefined {
  if (options.retentionDays <= 0) return undefined;
  let running: Promise<PruneResult> | undefined;
  const runOnce = () => {
    running ??= pruneRecords(db, options.now(), options.retentionDays).then((result) => {
      if (result.callRecords + result.requestRecords > 0) options.log.info(result, "pruned raw records past retention");
      return result;
    }).finally(() => { running = undefined; });
    return running;
  };
  const tick = () => void runOnce().catch((error: unknown) => options.log.warn({ err: error }, "pruning raw records failed"));
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  tick();
  return {
    runOnce,
    async stop() {
      clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
