// Checks on what callers send, before anything touches storage. Each failure names the field so
// the caller can fix the request; every message is safe to return over the wire.
import { keyBudgets, type KeyBudgets } from "./budget.js";
import { invalidArgument } from "./errors.js";

const MAX_ID_LENGTH = 200;
const DAY_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

export interface CreateKeyInput {
  tenant_id: string;
  name: string;
  allowed_models: string[];
  budget_total_nanousd?: number;
  budget_daily_nanousd?: number;
  budget_monthly_nanousd?: number;
  rpm_limit: number;
  tpm_limit: number;
}

export interface NewKeySpec {
  tenantId: string;
  name: string;
  allowedModels: string[];
  budgets: KeyBudgets;
  rpmLimit: number;
  tpmLimit: number;
}

export function requireId(value: string | undefined, field: string): string {
  const id = (value ?? "").trim();
  if (id === "") throw invalidArgument(`${field} is required`);
  if (id.length > MAX_ID_LENGTH) throw invalidArgument(`${field} is longer than ${MAX_ID_LENGTH} characters`);
  return id;
}

export function requireAmount(value: number | undefined, field: string): number {
  const amount = value ?? 0;
  if (!Number.isSafeInteger(amount) || amount < 0) {
    throw invalidArgument(`${field} must be a non-negative integer number of nano-USD, got ${amount}`);
  }
  return amount;
}

function optionalBudget(value: number | undefined, field: string): number | undefined {
  return value === undefined || value === null ? undefined : requireAmount(value, field);
}

function requireLimit(value: number | undefined, field: string): number {
  const limit = value ?? 0;
  if (!Number.isInteger(limit) || limit < 0) throw invalidArgument(`${field} must be a non-negative integer, got ${limit}`);
  return limit;
}

export function validateCreateKey(input: CreateKeyInput): NewKeySpec {
  const allowedModels = (input.allowed_models ?? []).map((m) => m.trim());
  if (allowedModels.some((m) => m === "")) throw invalidArgument("allowed_models must not contain empty names");
  const name = (input.name ?? "").trim();
  if (name.length > MAX_ID_LENGTH) throw invalidArgument(`name is longer than ${MAX_ID_LENGTH} characters`);
  const budgets = keyBudgets(
    optionalBudget(input.budget_total_nanousd, "budget_total_nanousd"),
    optionalBudget(input.budget_daily_nanousd, "budget_daily_nanousd"),
    optionalBudget(input.budget_monthly_nanousd, "budget_monthly_nanousd"),
  );
  return {
    tenantId: requireId(input.tenant_id, "tenant_id"),
    name,
    allowedModels: [...new Set(allowedModels)],
    budgets,
    rpmLimit: requireLimit(input.rpm_limit, "rpm_limit"),
    tpmLimit: requireLimit(input.tpm_limit, "tpm_limit"),
  };
}

/** A YYYY-MM-DD bound of a spend report; empty means unbounded. */
export function optionalDay(value: string | undefined, field: string): string | undefined {
  const day = (value ?? "").trim();
  if (day === "") return undefined;
  const parsed = new Date(`${day}T00:00:00Z`);
  if (!DAY_PATTERN.test(day) || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw invalidArgument(`${field} must be a calendar day as YYYY-MM-DD, got '${day}'`);
  }
  return day;
}

export function validateDayRange(fromDay: string | undefined, toDay: string | undefined): { from?: string; to?: string } {
  const from = optionalDay(fromDay, "from_day");
  const to = optionalDay(toDay, "to_day");
  if (from !== undefined && to !== undefined && from > to) throw invalidArgument(`from_day ${from} is after to_day ${to}`);
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

export interface UpdateKeyInput {
  key_id: string;
  tenant_id: string;
  budget_total_nanousd?: number;
  budget_daily_nanousd?: number;
  budget_monthly_nanousd?: number;
  clear_budgets: string[];
  rpm_limit?: number;
  tpm_limit?: number;
  replace_allowed_models: boolean;
  allowed_models: string[];
  name?: string;
}

export type BudgetChange = number | null;

export interface KeyChanges {
  keyId: string;
  /** Empty: any tenant (administration); otherwise the key must belong to it. */
  tenantId: string;
  budgets: Partial<Record<"total" | "daily" | "monthly", BudgetChange>>;
  rpmLimit?: number;
  tpmLimit?: number;
  allowedModels?: string[];
  name?: string;
}

const BUDGET_NAMES = ["total", "daily", "monthly"] as const;
const INT32_MAX = 2_147_483_647;

function optionalLimit(value: number | undefined, field: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  const limit = requireLimit(value, field);
  if (limit > INT32_MAX) throw invalidArgument(`${field} must be at most ${INT32_MAX}, got ${limit}`);
  return limit;
}

export function validateUpdateKey(input: UpdateKeyInput): KeyChanges {
  const budgets: KeyChanges["budgets"] = {};
  for (const budget of BUDGET_NAMES) {
    const field = `budget_${budget}_nanousd` as const;
    const value = optionalBudget(input[field], field);
    if (value !== undefined) budgets[budget] = value;
  }
  for (const raw of input.clear_budgets ?? []) {
    const budget = BUDGET_NAMES.find((b) => b === raw.trim());
    if (!budget) throw invalidArgument(`clear_budgets may name total, daily or monthly, got '${raw}'`);
    if (typeof budgets[budget] === "number") throw invalidArgument(`budget_${budget}_nanousd is both set and cleared`);
    budgets[budget] = null;
  }
  const changes: KeyChanges = {
    keyId: requireId(input.key_id, "key_id"), tenantId: (input.tenant_id ?? "").trim(), budgets,
    rpmLimit: optionalLimit(input.rpm_limit, "rpm_limit"), tpmLimit: optionalLimit(input.tpm_limit, "tpm_limit"),
  };
  if (input.replace_allowed_models) {
    const models = (input.allowed_models ?? []).map((m) => m.trim());
    if (models.some((m) => m === "")) throw invalidArgument("allowed_models must not contain empty names");
    changes.allowedModels = [...new Set(models)];
  }
  if (input.name !== undefined && input.name !== null) {
    const name = input.name.trim();
    if (name.length > MAX_ID_LENGTH) throw invalidArgument(`name is longer than ${MAX_ID_LENGTH} characters`);
    changes.name = name;
  }
  const nothing = Object.keys(budgets).length === 0 && changes.rpmLimit === undefined && changes.tpmLimit === undefined
    && changes.allowedModels === undefined && changes.name === undefined;
  if (nothing) throw invalidArgument("nothing to update: give a budget, a limit, allowed_models or a name");
  return changes;
}

const GROUPS = ["day", "model", "key"] as const;
export type SpendGroup = (typeof GROUPS)[number];

/** Report dimensions; none given means by day and model. */
export function validateGroupBy(values: readonly string[] | undefined): SpendGroup[] {
  const groups = (values ?? []).map((v) => v.trim()).filter((v) => v !== "");
  for (const g of groups) {
    if (!(GROUPS as readonly string[]).includes(g)) throw invalidArgument(`group_by may name day, model or key, got '${g}'`);
  }
  return groups.length === 0 ? ["day", "model"] : [...new Set(groups as SpendGroup[])];
}
