// Checks on what callers send, before anything touches storage. Each failure names the field so
// the caller can fix the request; every message is safe to return over the wire.
import type { KeyBudgets } from "./budget.js";
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
  const budgets: KeyBudgets = {};
  const total = optionalBudget(input.budget_total_nanousd, "budget_total_nanousd");
  const daily = optionalBudget(input.budget_daily_nanousd, "budget_daily_nanousd");
  const monthly = optionalBudget(input.budget_monthly_nanousd, "budget_monthly_nanousd");
  if (total !== undefined) budgets.total = total;
  if (daily !== undefined) budgets.daily = daily;
  if (monthly !== undefined) budgets.monthly = monthly;
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
