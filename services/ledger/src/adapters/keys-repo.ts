// SQL for api_keys and tenants, and the budget-usage read that Authenticate and Reserve share.
import type { KeyInfo } from "../../../common/src/index.js";
import { keyBudgets, type BudgetUsage, type BudgetWindows, type KeyBudgets } from "../core/budget.js";
import type { KeyChanges, NewKeySpec } from "../core/validation.js";
import type { Queryable, SqlParam } from "./database.js";
import { toInt, toOptionalInt } from "./sql-values.js";

export interface KeyRecord {
  keyId: string;
  tenantId: string;
  name: string;
  allowedModels: string[];
  budgets: KeyBudgets;
  rpmLimit: number;
  tpmLimit: number;
  revoked: boolean;
  createdMs: number;
  keyPrefix: string;
}

interface KeyRow extends Record<string, unknown> {
  key_id: string;
  tenant_id: string;
  name: string;
  allowed_models: string[] | null;
  budget_total_nanousd: unknown;
  budget_daily_nanousd: unknown;
  budget_monthly_nanousd: unknown;
  rpm_limit: number;
  tpm_limit: number;
  revoked: boolean;
  created_ms: unknown;
  key_prefix: string;
}

// Timestamps leave SQL as epoch milliseconds so neither driver's Date parsing is involved.
const KEY_COLUMNS = `key_id, tenant_id, name, allowed_models, budget_total_nanousd, budget_daily_nanousd,
  budget_monthly_nanousd, rpm_limit, tpm_limit, revoked_at IS NOT NULL AS revoked, key_prefix,
  (extract(epoch FROM created_at) * 1000)::bigint AS created_ms`;

function toKeyRecord(row: KeyRow): KeyRecord {
  const budgets = keyBudgets(
    toOptionalInt(row.budget_total_nanousd, "budget_total_nanousd"),
    toOptionalInt(row.budget_daily_nanousd, "budget_daily_nanousd"),
    toOptionalInt(row.budget_monthly_nanousd, "budget_monthly_nanousd"),
  );
  return {
    keyId: row.key_id,
    tenantId: row.tenant_id,
    name: row.name,
    allowedModels: row.allowed_models ?? [],
    budgets,
    rpmLimit: row.rpm_limit,
    tpmLimit: row.tpm_limit,
    revoked: row.revoked,
    createdMs: toInt(row.created_ms, "created_ms"),
    keyPrefix: row.key_prefix,
  };
}

export function toKeyInfo(key: KeyRecord): KeyInfo {
  return {
    key_id: key.keyId, tenant_id: key.tenantId, name: key.name, allowed_models: key.allowedModels,
    budget_total_nanousd: key.budgets.total, budget_daily_nanousd: key.budgets.daily,
    budget_monthly_nanousd: key.budgets.monthly, rpm_limit: key.rpmLimit, tpm_limit: key.tpmLimit,
    revoked: key.revoked, created_unix_ms: key.createdMs, key_prefix: key.keyPrefix,
  };
}

export interface NewKeyRow {
  keyId: string;
  keyHash: string;
  keyPrefix: string;
}

export async function insertKey(tx: Queryable, spec: NewKeySpec, key: NewKeyRow): Promise<KeyRecord> {
  await tx.query("INSERT INTO tenants (tenant_id) VALUES ($1) ON CONFLICT (tenant_id) DO NOTHING", [spec.tenantId]);
  const rows = await tx.query<KeyRow>(
    `INSERT INTO api_keys (key_id, tenant_id, name, key_hash, key_prefix, allowed_models, budget_total_nanousd,
       budget_daily_nanousd, budget_monthly_nanousd, rpm_limit, tpm_limit)
     VALUES ($1, $2, $3, $4, $5, $6::text[], $7, $8, $9, $10, $11)
     RETURNING ${KEY_COLUMNS}`,
    [key.keyId, spec.tenantId, spec.name, key.keyHash, key.keyPrefix, spec.allowedModels,
      spec.budgets.total ?? null, spec.budgets.daily ?? null, spec.budgets.monthly ?? null, spec.rpmLimit, spec.tpmLimit],
  );
  return toKeyRecord(rows[0]!);
}

export async function findKeyByHash(q: Queryable, keyHash: string): Promise<KeyRecord | undefined> {
  const rows = await q.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_hash = $1`, [keyHash]);
  return rows[0] && toKeyRecord(rows[0]);
}

/** Locks the key row until the transaction ends: Reserve decisions on one key happen one at a time. */
export async function lockKey(tx: Queryable, keyId: string): Promise<KeyRecord | undefined> {
  const rows = await tx.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_id = $1 FOR UPDATE`, [keyId]);
  return rows[0] && toKeyRecord(rows[0]);
}

/**
 * What the key spent and holds in each budget window; with reservation ids, also which of them
 * (or the calls they became) are known already: one round trip on Reserve's path.
 */
export async function loadUsage(
  q: Queryable, keyId: string, windows: BudgetWindows, reservationIds: readonly string[] = [],
): Promise<BudgetUsage & { known: Set<string> }> {
  const rows = await q.query(
    `SELECT
       COALESCE(SUM(cost_nanousd), 0)::bigint AS spent_total,
       COALESCE(SUM(cost_nanousd) FILTER (WHERE day = $2::date), 0)::bigint AS spent_today,
       COALESCE(SUM(cost_nanousd) FILTER (WHERE day >= $3::date), 0)::bigint AS spent_month,
       (SELECT COALESCE(SUM(amount_nanousd), 0)::bigint FROM reservations
          WHERE key_id = $1 AND created_ms >= $4) AS reserved,
       (SELECT COALESCE(array_agg(id), '{}') FROM (
          SELECT reservation_id AS id FROM reservations WHERE reservation_id = ANY($5::text[])
          UNION SELECT call_id FROM call_records WHERE call_id = ANY($5::text[])) AS ids) AS known
     FROM spend_daily WHERE key_id = $1`,
    [keyId, windows.today, windows.monthStart, windows.reservationCutoffMs, reservationIds],
  );
  const row = rows[0] ?? {};
  return {
    known: new Set(Array.isArray(row.known) ? row.known.map(String) : []),
    spentTotal: toInt(row.spent_total, "spent_total"),
    spentToday: toInt(row.spent_today, "spent_today"),
    spentThisMonth: toInt(row.spent_month, "spent_month"),
    reserved: toInt(row.reserved, "reserved"),
  };
}

/** A key by id; with a tenant, a key of another tenant is as absent as a missing one. */
export async function findKey(q: Queryable, keyId: string, tenantId = ""): Promise<KeyRecord | undefined> {
  const rows = tenantId
    ? await q.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_id = $1 AND tenant_id = $2`, [keyId, tenantId])
    : await q.query<KeyRow>(`SELECT ${KEY_COLUMNS} FROM api_keys WHERE key_id = $1`, [keyId]);
  return rows[0] && toKeyRecord(rows[0]);
}

export async function listKeys(q: Queryable, tenantId: string | undefined, includeRevoked: boolean): Promise<KeyRecord[]> {
  const params: SqlParam[] = [];
  const where: string[] = [];
  if (tenantId !== undefined) { params.push(tenantId); where.push(`tenant_id = $${params.length}`); }
  if (!includeRevoked) where.push("revoked_at IS NULL");
  const rows = await q.query<KeyRow>(
    `SELECT ${KEY_COLUMNS} FROM api_keys ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY tenant_id, created_at, key_id`, params);
  return rows.map(toKeyRecord);
}

const BUDGET_COLUMNS = { total: "budget_total_nanousd", daily: "budget_daily_nanousd", monthly: "budget_monthly_nanousd" } as const;

/** Applies the changes; undefined when no such key (of that tenant) exists. */
export async function updateKey(q: Queryable, changes: KeyChanges): Promise<KeyRecord | undefined> {
  const params: SqlParam[] = [changes.keyId];
  const sets: string[] = [];
  const set = (column: string, value: SqlParam, cast = "") => { params.push(value); sets.push(`${column} = $${params.length}${cast}`); };
  for (const [budget, value] of Object.entries(changes.budgets)) {
    set(BUDGET_COLUMNS[budget as keyof typeof BUDGET_COLUMNS], value ?? null, "::bigint");
  }
  if (changes.rpmLimit !== undefined) set("rpm_limit", changes.rpmLimit);
  if (changes.tpmLimit !== undefined) set("tpm_limit", changes.tpmLimit);
  if (changes.allowedModels !== undefined) set("allowed_models", changes.allowedModels, "::text[]");
  if (changes.name !== undefined) set("name", changes.name);
  let where = "key_id = $1";
  if (changes.tenantId) { params.push(changes.tenantId); where += ` AND tenant_id = $${params.length}`; }
  const rows = await q.query<KeyRow>(`UPDATE api_keys SET ${sets.join(", ")} WHERE ${where} RETURNING ${KEY_COLUMNS}`, params);
  return rows[0] && toKeyRecord(rows[0]);
}

/** Revoking twice keeps the first instant. */
export async function revokeKey(q: Queryable, keyId: string, tenantId: string): Promise<KeyRecord | undefined> {
  const rows = tenantId
    ? await q.query<KeyRow>(`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
        WHERE key_id = $1 AND tenant_id = $2 RETURNING ${KEY_COLUMNS}`, [keyId, tenantId])
    : await q.query<KeyRow>(`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, now())
        WHERE key_id = $1 RETURNING ${KEY_COLUMNS}`, [keyId]);
  return rows[0] && toKeyRecord(rows[0]);
}
