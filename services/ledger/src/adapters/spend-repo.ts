// SQL for reservations, call and request records, and the spend_daily rollup that budgets and
// reports read (so the raw record tables can be pruned without changing any number).
import type { Queryable } from "./database.js";
import { toInt } from "./sql-values.js";

export interface Reservation {
  reservationId: string;
  keyId: string;
  tenantId: string;
  requestId: string;
  modelId: string;
  amount: number;
  createdMs: number;
}

export interface SpendDelta {
  tenantId: string;
  keyId: string;
  day: string;
  modelId: string;
  calls: number;
  inputTokens: number;
  outputTokens: number;
  cachedInputTokens: number;
  cacheWriteTokens: number;
  reasoningTokens: number;
  cost: number;
}

export async function pruneReservations(tx: Queryable, keyId: string, olderThanMs: number): Promise<void> {
  await tx.query("DELETE FROM reservations WHERE key_id = $1 AND created_ms < $2", [keyId, olderThanMs]);
}

/** Inserts the holds in one statement (arrays unnested server-side: one plan whatever their number). */
export async function insertReservations(tx: Queryable, holds: readonly Reservation[]): Promise<void> {
  if (holds.length === 0) return;
  await tx.query(
    `INSERT INTO reservations (reservation_id, key_id, tenant_id, request_id, model_id, amount_nanousd, created_ms)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[])
     ON CONFLICT (reservation_id) DO NOTHING`,
    [holds.map((r) => r.reservationId), holds.map((r) => r.keyId), holds.map((r) => r.tenantId), holds.map((r) => r.requestId),
      holds.map((r) => r.modelId), holds.map((r) => r.amount), holds.map((r) => r.createdMs)],
  );
}

/** Lowers a hold to `amount` (never raises it); nothing when it was settled already. */
export async function shrinkReservation(tx: Queryable, reservationId: string, amount: number): Promise<void> {
  await tx.query("UPDATE reservations SET amount_nanousd = LEAST(amount_nanousd, $2) WHERE reservation_id = $1", [reservationId, amount]);
}

/** Lowers a budget lease's hold by what its gateway will not use (never below zero). */
export async function returnLeasePart(tx: Queryable, leaseId: string, keyId: string | undefined, unused: number): Promise<void> {
  await tx.query(
    `UPDATE reservations SET amount_nanousd = GREATEST(0, amount_nanousd - $2)
     WHERE reservation_id = $1 AND ($3::text IS NULL OR key_id = $3)`,
    [leaseId, unused, keyId ?? null],
  );
}

/** Deletes the reservation and returns it; undefined when there was none (already settled). */
export async function takeReservation(tx: Queryable, reservationId: string): Promise<Reservation | undefined> {
  const rows = await tx.query(
    `DELETE FROM reservations WHERE reservation_id = $1
     RETURNING reservation_id, key_id, tenant_id, request_id, model_id, amount_nanousd, created_ms`,
    [reservationId],
  );
  const row = rows[0];
  if (!row) return undefined;
  return {
    reservationId: String(row.reservation_id), keyId: String(row.key_id), tenantId: String(row.tenant_id),
    requestId: String(row.request_id), modelId: String(row.model_id),
    amount: toInt(row.amount_nanousd, "amount_nanousd"), createdMs: toInt(row.created_ms, "created_ms"),
  };
}

/** The ON CONFLICT clause that adds a new spend_daily row's figures to the existing row. */
export const ADD_TO_SPEND_DAILY = `ON CONFLICT (tenant_id, key_id, day, model_id) DO UPDATE SET
  calls = spend_daily.calls + EXCLUDED.calls,
  input_tokens = spend_daily.input_tokens + EXCLUDED.input_tokens,
  output_tokens = spend_daily.output_tokens + EXCLUDED.output_tokens,
  cached_input_tokens = spend_daily.cached_input_tokens + EXCLUDED.cached_input_tokens,
  cache_write_tokens = spend_daily.cache_write_tokens + EXCLUDED.cache_write_tokens,
  reasoning_tokens = spend_daily.reasoning_tokens + EXCLUDED.reasoning_tokens,
  cost_nanousd = spend_daily.cost_nanousd + EXCLUDED.cost_nanousd`;

export async function addSpend(tx: Queryable, d: SpendDelta): Promise<void> {
  await tx.query(
    `INSERT INTO spend_daily (tenant_id, key_id, day, model_id, calls, input_tokens, output_tokens,
       cached_input_tokens, cache_write_tokens, reasoning_tokens, cost_nanousd)
     VALUES ($1, $2, $3::date, $4, $5, $6, $7, $8, $9, $10, $11)
     ${ADD_TO_SPEND_DAILY}`,
    [d.tenantId, d.keyId, d.day, d.modelId, d.calls, d.inputTokens, d.outputTokens,
      d.cachedInputTokens, d.cacheWriteTokens, d.reasoningTokens, d.cost],
  );
}
