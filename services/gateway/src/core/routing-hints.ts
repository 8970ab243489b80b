// Routing hints come in the body (`router: {...}`) or as `x-xrouter-*` headers, for clients whose
// SDK cannot add body fields. The body wins where both say something; both are validated alike.
import { invalidRequest, usdToNano, type RoutingHints } from "../../../common/src/index.js";
import { routerHintsSchema, type RouterHintsInput } from "./chat-request.js";

const HEADER_FIELDS = {
  "x-xrouter-policy": "policy",
  "x-xrouter-cost-weight": "cost_weight",
  "x-xrouter-cost-cap": "cost_cap",
  "x-xrouter-max-cost-usd": "max_cost_usd",
  "x-xrouter-mode": "mode",
  "x-xrouter-allow-models": "allow_models",
  "x-xrouter-deny-models": "deny_models",
  "x-xrouter-include-prompts": "include_prompts",
} as const;

const NUMERIC = new Set(["cost_weight", "cost_cap", "max_cost_usd"]);
const LISTS = new Set(["allow_models", "deny_models"]);

export function hintsFromHeaders(headers: Record<string, string | string[] | undefined>): RouterHintsInput {
  const raw: Record<string, unknown> = {};
  for (const [header, field] of Object.entries(HEADER_FIELDS)) {
    const value = headers[header];
    if (typeof value !== "string" || value.trim() === "") continue;
    const text = value.trim();
    raw[field] = NUMERIC.has(field) ? Number(text)
      : LISTS.has(field) ? text.split(",").map((s) => s.trim()).filter(Boolean)
        : field === "include_prompts" ? text === "true" || text === "1" : text;
  }
  // most requests carry none: nothing to validate
  if (Object.keys(raw).length === 0) return {};
  const parsed = routerHintsSchema.safeParse(raw);
  if (!parsed.success) {
    const field = String(parsed.error.issues[0]!.path[0] ?? "");
    const header = Object.entries(HEADER_FIELDS).find(([, f]) => f === field)?.[0] ?? "x-xrouter-*";
    throw invalidRequest(`Invalid value in header '${header}': ${parsed.error.issues[0]!.message}.`, header, "invalid_value");
  }
  return parsed.data;
}

export function toRoutingHints(body: RouterHintsInput | undefined, headers: RouterHintsInput, policyFromModel: string): RoutingHints {
  const merged: RouterHintsInput = { ...headers, ...body };
  const lambda = merged.cost_weight ?? merged.lambda;
  return {
    cost_weight: lambda, cost_cap: merged.cost_cap,
    max_cost_nanousd: merged.max_cost_usd === undefined ? undefined : usdToNano(merged.max_cost_usd),
    allow_models: merged.allow_models ?? [], deny_models: merged.deny_models ?? [], mode: merged.mode ?? "",
    policy: body?.policy ?? (policyFromModel || headers.policy) ?? "", include_prompts: merged.include_prompts ?? false,
  };
}
