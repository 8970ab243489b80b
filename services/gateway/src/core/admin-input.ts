// Bodies and query strings of the key-administration and spend endpoints, validated into ledger
// requests. Budgets come in USD (people) or nano-USD (programs), never both; unknown fields are
// refused so a misspelt budget is not silently ignored. Every failure is a 400 naming the field.
import { z } from "zod";
import { invalidRequest, usdToNano } from "../../../common/src/index.js";

const BUDGETS = ["total", "daily", "monthly"] as const;
type BudgetName = (typeof BUDGETS)[number];

const usd = z.number().finite().nonnegative("must be a non-negative amount of USD").max(9_000_000, "is above 9,000,000 USD");
const nano = z.number().int("must be a whole number of nano-USD").nonnegative("must be a non-negative amount of nano-USD")
  .max(Number.MAX_SAFE_INTEGER);
const limit = z.number().int("must be a whole number").nonnegative("must be 0 (no limit) or more").max(2_147_483_647);
const models = z.array(z.string().trim().min(1, "must not be empty")).max(1000);
const name = z.string().trim().max(200);

const budgetFields = (nullable: boolean) => Object.fromEntries(BUDGETS.flatMap((b) => [
  [`budget_${b}_usd`, nullable ? usd.nullable().optional() : usd.optional()],
  [`budget_${b}_nanousd`, nullable ? nano.nullable().optional() : nano.optional()],
])) as Record<string, z.ZodType>;

const createSchema = z.object({
  tenant_id: z.string().trim().min(1, "is required").max(200),
  name: name.optional(),
  allowed_models: models.optional(),
  rpm_limit: limit.optional(),
  tpm_limit: limit.optional(),
  ...budgetFields(false),
}).strict();

const updateSchema = z.object({
  name: name.optional(),
  allowed_models: models.nullable().optional(),
  rpm_limit: limit.optional(),
  tpm_limit: limit.optional(),
  ...budgetFields(true),
}).strict();

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = z.string().regex(DAY, "must be a day as YYYY-MM-DD")
  .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), "is not a calendar day");
const groupBy = z.string().transform((s) => s.split(",").map((g) => g.trim()).filter(Boolean))
  .pipe(z.array(z.enum(["day", "model", "key"], "may list day, model and key")));

const spendQuery = z.object({
  from: day.optional(), to: day.optional(), key_id: z.string().trim().min(1).max(200).optional(), group_by: groupBy.optional(),
}).refine((q) => !q.from || !q.to || q.from <= q.to, { message: "must not be before 'from'", path: ["to"] });

function parseOr400<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  if (typeof input !== "object" || input === null || Array.isArray(input)) throw invalidRequest(`The ${what} must be a JSON object.`, null, "invalid_body");
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  // The field, without list positions: "allowed_models", not "allowed_models.3".
  const field = issue.path.filter((p) => typeof p === "string").join(".");
  const param = field || (issue.code === "unrecognized_keys" ? issue.keys[0] ?? null : null);
  if (issue.code === "unrecognized_keys") throw invalidRequest(`Unknown parameter: '${param}'.`, param, "unknown_parameter");
  throw invalidRequest(`Invalid value for '${param}': ${issue.message}.`, param, "invalid_value");
}

type Budgets = Partial<Record<BudgetName, number | null>>;

function budgetsOf(body: Record<string, unknown>): Budgets {
  const out: Budgets = {};
  for (const b of BUDGETS) {
    const inUsd = body[`budget_${b}_usd`] as number | null | undefined;
    const inNano = body[`budget_${b}_nanousd`] as number | null | undefined;
    if (inUsd !== undefined && inNano !== undefined) {
      throw invalidRequest(`Give budget_${b}_usd or budget_${b}_nanousd, not both.`, `budget_${b}_usd`, "invalid_value");
    }
    if (inUsd !== undefined) out[b] = inUsd === null ? null : usdToNano(inUsd);
    else if (inNano !== undefined) out[b] = inNano;
  }
  return out;
}

export function parseCreateKey(body: unknown) {
  const parsed = parseOr400(createSchema, body, "request body");
  const budgets = budgetsOf(parsed);
  return {
    tenant_id: parsed.tenant_id, name: parsed.name ?? "", allowed_models: parsed.allowed_models ?? [],
    rpm_limit: parsed.rpm_limit ?? 0, tpm_limit: parsed.tpm_limit ?? 0,
    budget_total_nanousd: budgets.total ?? undefined, budget_daily_nanousd: budgets.daily ?? undefined,
    budget_monthly_nanousd: budgets.monthly ?? undefined,
  };
}

export function parseUpdateKey(keyId: string, body: unknown) {
  const parsed = parseOr400(updateSchema, body, "request body");
  const budgets = budgetsOf(parsed);
  const set = (b: BudgetName) => (typeof budgets[b] === "number" ? budgets[b] : undefined);
  const request = {
    key_id: keyId, name: parsed.name, rpm_limit: parsed.rpm_limit, tpm_limit: parsed.tpm_limit,
    budget_total_nanousd: set("total"), budget_daily_nanousd: set("daily"), budget_monthly_nanousd: set("monthly"),
    clear_budgets: BUDGETS.filter((b) => budgets[b] === null),
    replace_allowed_models: parsed.allowed_models !== undefined, allowed_models: parsed.allowed_models ?? [],
  };
  const changes = Object.entries(parsed).filter(([, v]) => v !== undefined);
  if (changes.length === 0) throw invalidRequest("Nothing to change: give a budget, a limit, allowed_models or a name.", null, "invalid_body");
  return request;
}

export interface SpendQuery { from?: string; to?: string; keyId?: string; groupBy: string[] }

export function parseSpendQuery(query: unknown): SpendQuery {
  const q = parseOr400(spendQuery, query ?? {}, "query");
  return { from: q.from, to: q.to, keyId: q.key_id, groupBy: q.group_by ?? ["day", "model"] };
}
