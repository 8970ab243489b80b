// SQL behind spend reports and request look-ups. Reports read the roll-ups only (spend_daily,
// requests_daily), so pruning raw records changes none of their numbers.
import type { CallRecord, RequestRecord } from "../../../common/src/index.js";
import type { SpendGroup } from "../core/validation.js";
import type { Queryable, SqlParam } from "./database.js";
import { toInt } from "./sql-values.js";

export interface SpendFilter {
  tenantId: string;
  keyId?: string;
  fromDay?: string;
  toDay?: string;
}

export interface SpendRowValue {
  day: string;
  model_id: string;
  key_id: string;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
  cost_nanousd: number;
}

// Built per call rather than with "$n = '' OR ..." so no empty string is ever cast to a date.
function whereClause(f: SpendFilter): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [f.tenantId];
  const parts = ["tenant_id = $1"];
  if (f.keyId) { params.push(f.keyId); parts.push(`key_id = $${params.length}`); }
  if (f.fromDay) { params.push(f.fromDay); parts.push(`day >= $${params.length}::date`); }
  if (f.toDay) { params.push(f.toDay); parts.push(`day <= $${params.length}::date`); }
  return { sql: parts.join(" AND "), params };
}

// Fixed SQL per dimension (never caller text), so group_by cannot inject anything.
const DIMENSIONS: Record<SpendGroup, { select: string; column: string }> = {
  day: { select: "to_char(day, 'YYYY-MM-DD')", column: "day" },
  model: { select: "model_id", column: "model_id" },
  key: { select: "key_id", column: "key_id" },
};

export async function querySpend(q: Queryable, f: SpendFilter, groups: readonly SpendGroup[]): Promise<SpendRowValue[]> {
  const where = whereClause(f);
  const select = (["day", "model", "key"] as const)
    .map((g) => `${groups.includes(g) ? DIMENSIONS[g].select : "''"} AS ${DIMENSIONS[g].column}`).join(", ");
  const grouped = groups.map((g) => DIMENSIONS[g].column);
  const groupSql = grouped.length ? `GROUP BY ${grouped.join(", ")} ORDER BY ${grouped.join(", ")}` : "";
  const rows = await q.query(
    `SELECT ${select}, SUM(calls)::bigint AS calls, SUM(input_tokens)::bigint AS input_tokens,
       SUM(output_tokens)::bigint AS output_tokens, SUM(cached_input_tokens)::bigint AS cached_input_tokens,
       SUM(cache_write_tokens)::bigint AS cache_write_tokens, SUM(cost_nanousd)::bigint AS cost_nanousd
     FROM spend_daily WHERE ${where.sql} ${groupSql}`,
    where.params,
  );
  // Without any dimension an empty range still yields one row of NULL sums: no spend, no row.
  return rows.filter((r) => r.calls !== null).map((r) => ({
    day: String(r.day), model_id: String(r.model_id), key_id: String(r.key_id), calls: toInt(r.calls, "calls"),
    input_tokens: toInt(r.input_tokens, "input_tokens"), output_tokens: toInt(r.output_tokens, "output_tokens"),
    cached_input_tokens: toInt(r.cached_input_tokens, "cached_input_tokens"),
    cache_write_tokens: toInt(r.cache_write_tokens, "cache_write_tokens"),
    cost_nanousd: toInt(r.cost_nanousd, "cost_nanousd"),
  }));
}

export async function countRequests(q: Queryable, f: SpendFilter): Promise<number> {
  const where = whereClause(f);
  const rows = await q.query(`SELECT COALESCE(SUM(requests), 0)::bigint AS n FROM requests_daily WHERE ${where.sql}`, where.params);
  return toInt(rows[0]?.n, "requests");
}

const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));

export async function findRequest(q: Queryable, tenantId: string, requestId: string): Promise<RequestRecord | undefined> {
  const rows = await q.query("SELECT * FROM request_records WHERE request_id = $1 AND tenant_id = $2", [requestId, tenantId]);
  const r = rows[0];
  if (!r) return undefined;
  return {
    request_id: str(r.request_id), tenant_id: str(r.tenant_id), key_id: str(r.key_id),
    routing_strategy: str(r.routing_strategy), policy: str(r.policy), model_used: str(r.model_used),
    turns: toInt(r.turns, "turns"), total_cost_nanousd: toInt(r.total_cost_nanousd, "total_cost_nanousd"),
    router_cost_nanousd: toInt(r.router_cost_nanousd, "router_cost_nanousd"), status: str(r.status),
    http_status: toInt(r.http_status, "http_status"), latency_ms: toInt(r.latency_ms, "latency_ms"),
    created_unix_ms: toInt(r.created_ms, "created_ms"), error_code: str(r.error_code),
  };
}

export async function findCalls(q: Queryable, tenantId: string, requestId: string): Promise<CallRecord[]> {
  const rows = await q.query(
    "SELECT * FROM call_records WHERE request_id = $1 AND tenant_id = $2 ORDER BY created_ms, call_id, execution", [requestId, tenantId]);
  return rows.map((r) => ({
    call_id: str(r.call_id), request_id: str(r.request_id), tenant_id: str(r.tenant_id), key_id: str(r.key_id),
    model_id: str(r.model_id), provider: str(r.provider), status: str(r.status) as CallRecord["status"],
    usage: {
      input_tokens: toInt(r.input_tokens, "input_tokens"), output_tokens: toInt(r.output_tokens, "output_tokens"),
      cached_input_tokens: toInt(r.cached_input_tokens, "cached_input_tokens"),
      reasoning_tokens: toInt(r.reasoning_tokens, "reasoning_tokens"),
      cache_write_tokens: toInt(r.cache_write_tokens, "cache_write_tokens"), estimated: r.usage_estimated === true,
    },
    cost_nanousd: toInt(r.cost_nanousd, "cost_nanousd"), latency_ms: toInt(r.latency_ms, "latency_ms"),
    attempts: toInt(r.attempts, "attempts"), error_code: str(r.error_code), executor_id: str(r.executor_id),
    created_unix_ms: toInt(r.created_ms, "created_ms"), execution: toInt(r.execution, "execution"),
  }));
}
