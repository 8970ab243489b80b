// Call and request records, written in batches: one SQL statement per batch inserts the new
// records, settles the reservations of the new calls (or draws their budget leases down) and adds
// them to the daily rollups. One statement is one implicit transaction and one round trip, whatever
// the batch size; that is what keeps the ledger off the answer's critical path under load (issue
// #8: five round trips per call before). Arrays travel as parameters and are unnested server-side,
// so the SQL text is the same for every batch (the server plans it once per connection).
import type { CallRecord__Output, RequestRecord__Output } from "../../../common/src/index.js";
import type { Queryable } from "./database.js";
import { ADD_TO_SPEND_DAILY } from "./spend-repo.js";

export interface DatedCall { call: CallRecord__Output; createdMs: number; day: string }
export interface DatedRequest { request: RequestRecord__Output; createdMs: number; day: string }

const CALL_COLUMNS = `call_id, request_id, tenant_id, key_id, model_id, provider, status, input_tokens, output_tokens,
  cached_input_tokens, reasoning_tokens, cache_write_tokens, usage_estimated, cost_nanousd, latency_ms, attempts,
  error_code, executor_id, created_ms, day, execution`;

// Columns a run's own record writes over the row that billed the run as lost (keys and day stay).
const OUTCOME_COLUMNS = ["request_id", "tenant_id", "key_id", "model_id", "provider", "status", "input_tokens", "output_tokens",
  "cached_input_tokens", "reasoning_tokens", "cache_write_tokens", "usage_estimated", "cost_nanousd", "latency_ms", "attempts",
  "error_code", "executor_id"];
const ROLLUP_FIGURES = ["input_tokens", "output_tokens", "cached_input_tokens", "cache_write_tokens", "reasoning_tokens", "cost_nanousd"];
const LOST = "'CALL_STATUS_LOST'";

// A run billed as lost (its executor went silent) whose own record arrives after all, a run that
// outlived its lease, is no second run: its record replaces the lost row, and the rollup moves by
// the difference. A lost row never replaces anything. (Two ledgers writing the lost row and the
// run's own record at the same moment keep the lost row: the statement's snapshot misses the
// other's insert, so the run stays billed at the worst case, over rather than under.)
// Rollup rows are upserted in key order so two batches touching the same rows cannot deadlock.
const INSERT_CALLS = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
    $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::boolean[], $14::bigint[],
    $15::bigint[], $16::integer[], $17::text[], $18::text[], $19::bigint[], $20::date[], $21::integer[], $22::text[])
  AS t(${CALL_COLUMNS}, budget_lease_id)
), lost AS (
  SELECT c.call_id, c.execution, c.tenant_id, c.key_id, c.day, c.model_id, ${ROLLUP_FIGURES.map((f) => `c.${f}`).join(", ")}
  FROM call_records c JOIN input i ON i.call_id = c.call_id AND i.execution = c.execution
  WHERE c.status = ${LOST} AND i.status <> ${LOST}
  FOR UPDATE OF c
), replaced AS (
  UPDATE call_records c SET ${OUTCOME_COLUMNS.map((col) => `${col} = i.${col}`).join(", ")}
  FROM input i, lost l
  WHERE c.call_id = l.call_id AND c.execution = l.execution AND i.call_id = l.call_id AND i.execution = l.execution
    AND c.status = ${LOST}
  -- the rollup's change: the run's own figures less the lost row's
  RETURNING l.tenant_id, l.key_id, l.day, l.model_id, ${ROLLUP_FIGURES.map((f) => `c.${f} - l.${f} AS ${f}`).join(", ")}
), inserted AS (
  INSERT INTO call_records (${CALL_COLUMNS}) SELECT ${CALL_COLUMNS} FROM input
  ON CONFLICT (call_id, execution) DO NOTHING
  RETURNING call_id, execution, tenant_id, key_id, day, model_id, ${ROLLUP_FIGURES.join(", ")}
), settled AS (
  -- a second run of a call finds its reservation settled by the first: it only adds to the spend
  DELETE FROM reservations r USING inserted i WHERE r.reservation_id = i.call_id
), lease_draws AS (
  -- what the new records bill now counts as spend, so their budget lease holds that much less
  SELECT i.budget_lease_id AS lease_id, sum(n.cost_nanousd)::bigint AS cost
  FROM inserted n JOIN input i ON i.call_id = n.call_id AND i.execution = n.execution
  WHERE i.budget_lease_id <> '' GROUP BY i.budget_lease_id
), leases AS (
  -- locked in id order, as the rollup rows are, so two batches cannot deadlock on them
  SELECT r.reservation_id FROM reservations r JOIN lease_draws d ON d.lease_id = r.reservation_id
  ORDER BY r.reservation_id FOR UPDATE OF r
), drawn AS (
  UPDATE reservations r SET amount_nanousd = GREATEST(0, r.amount_nanousd - d.cost)
  FROM lease_draws d, leases l WHERE r.reservation_id = d.lease_id AND l.reservation_id = d.lease_id
), changes AS (
  SELECT tenant_id, key_id, day, model_id, 1 AS calls, ${ROLLUP_FIGURES.join(", ")} FROM inserted
  UNION ALL
  SELECT tenant_id, key_id, day, model_id, 0, ${ROLLUP_FIGURES.join(", ")} FROM replaced
), rolled_up AS (
  INSERT INTO spend_daily (tenant_id, key_id, day, model_id, calls, input_tokens, output_tokens,
    cached_input_tokens, cache_write_tokens, reasoning_tokens, cost_nanousd)
  SELECT tenant_id, key_id, day, model_id, sum(calls)::bigint, sum(input_tokens)::bigint, sum(output_tokens)::bigint,
    sum(cached_input_tokens)::bigint, sum(cache_write_tokens)::bigint, sum(reasoning_tokens)::bigint,
    sum(cost_nanousd)::bigint
  FROM changes GROUP BY tenant_id, key_id, day, model_id ORDER BY tenant_id, key_id, day, model_id
  ${ADD_TO_SPEND_DAILY}
)
SELECT (SELECT count(*) FROM inserted)::integer + (SELECT count(*) FROM replaced)::integer AS inserted`;

const REQUEST_COLUMNS = `request_id, tenant_id, key_id, routing_strategy, policy, model_used, turns, total_cost_nanousd,
  router_cost_nanousd, status, http_status, latency_ms, error_code, created_ms, day`;

const INSERT_REQUESTS = `
WITH input AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::integer[],
    $8::bigint[], $9::bigint[], $10::text[], $11::integer[], $12::bigint[], $13::text[], $14::bigint[], $15::date[])
  AS t(${REQUEST_COLUMNS})
), inserted AS (
  INSERT INTO request_records (${REQUEST_COLUMNS}) SELECT ${REQUEST_COLUMNS} FROM input
  ON CONFLICT (request_id) DO NOTHING
  RETURNING tenant_id, key_id, day, status
), counted AS (
  INSERT INTO requests_daily (tenant_id, key_id, day, requests, ok_requests)
  SELECT tenant_id, key_id, day, count(*), count(*) FILTER (WHERE status = 'ok')
  FROM inserted GROUP BY tenant_id, key_id, day ORDER BY tenant_id, key_id, day
  ON CONFLICT (tenant_id, key_id, day) DO UPDATE SET
    requests = requests_daily.requests + EXCLUDED.requests,
    ok_requests = requests_daily.ok_requests + EXCLUDED.ok_requests
)
SELECT count(*)::integer AS inserted FROM inserted`;

/** Keeps the first of each id: one statement may not insert the same key twice. */
function firstById<T>(items: readonly T[], id: (item: T) => string): T[] {
  const seen = new Set<string>();
  return items.filter((item) => !seen.has(id(item)) && seen.add(id(item)) !== undefined);
}

const column = <T, V>(items: readonly T[], pick: (item: T) => V): V[] => items.map(pick);

/** A record's execution: records from before executions were counted are the first. */
const executionOf = (call: Pick<CallRecord__Output, "execution">): number => (call.execution > 0 ? call.execution : 1);

/** Inserts the new calls of the batch (or replaces lost rows) and settles them; returns how many were new. */
export async function insertCallRecords(q: Queryable, batch: readonly DatedCall[]): Promise<number> {
  const calls = firstById(batch, (c) => `${c.call.call_id}\n${executionOf(c.call)}`);
  if (calls.length === 0) return 0;
  const usage = (c: DatedCall) => c.call.usage;
  const rows = await q.query(INSERT_CALLS, [
    column(calls, (c) => c.call.call_id), column(calls, (c) => c.call.request_id), column(calls, (c) => c.call.tenant_id),
    column(calls, (c) => c.call.key_id), column(calls, (c) => c.call.model_id), column(calls, (c) => c.call.provider),
    column(calls, (c) => String(c.call.status)),
    column(calls, (c) => usage(c)?.input_tokens ?? 0), column(calls, (c) => usage(c)?.output_tokens ?? 0),
    column(calls, (c) => usage(c)?.cached_input_tokens ?? 0), column(calls, (c) => usage(c)?.reasoning_tokens ?? 0),
    column(calls, (c) => usage(c)?.cache_write_tokens ?? 0), column(calls, (c) => usage(c)?.estimated ?? false),
    column(calls, (c) => c.call.cost_nanousd), column(calls, (c) => c.call.latency_ms), column(calls, (c) => c.call.attempts),
    column(calls, (c) => c.call.error_code), column(calls, (c) => c.call.executor_id),
    column(calls, (c) => c.createdMs), column(calls, (c) => c.day), column(calls, (c) => executionOf(c.call)),
    column(calls, (c) => c.call.budget_lease_id ?? ""),
  ]);
  return Number(rows[0]?.inserted ?? 0);
}

/** Inserts the new requests of the batch and counts them per day; returns how many were new. */
export async function insertRequestRecords(q: Queryable, batch: readonly DatedRequest[]): Promise<number> {
  const requests = firstById(batch, (r) => r.request.request_id);
  if (requests.length === 0) return 0;
  const rows = await q.query(INSERT_REQUESTS, [
    column(requests, (r) => r.request.request_id), column(requests, (r) => r.request.tenant_id),
    column(requests, (r) => r.request.key_id), column(requests, (r) => r.request.routing_strategy),
    column(requests, (r) => r.request.policy), column(requests, (r) => r.request.model_used),
    column(requests, (r) => r.request.turns), column(requests, (r) => r.request.total_cost_nanousd),
    column(requests, (r) => r.request.router_cost_nanousd), column(requests, (r) => r.request.status),
    column(requests, (r) => r.request.http_status), column(requests, (r) => r.request.latency_ms),
    column(requests, (r) => r.request.error_code), column(requests, (r) => r.createdMs), column(requests, (r) => r.day),
  ]);
  return Number(rows[0]?.inserted ?? 0);
}
