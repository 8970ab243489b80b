// JSON shapes of keys, spend reports and request records for the admin and tenant endpoints, and
// the translation of the ledger's gRPC refusals into typed errors. Amounts are exact integer
// nano-USD, with USD beside them for people (never to be added up).
import {
  grpc, isServiceError, nanoToUsd, XRouterError, type CallRecord__Output, type KeyInfo__Output, type RequestRecord__Output,
} from "../../../common/src/index.js";
import type { GetSpendResponse__Output } from "../../../common/src/generated/xrouter/ledger/v1/GetSpendResponse.js";
import { fromGrpcError } from "./grpc-errors.js";

const usdOrNull = (nano: number | null | undefined) => (nano === undefined || nano === null ? null : nanoToUsd(nano));

export function keyJson(key: KeyInfo__Output, remaining?: number | null) {
  const budget = (v: number | undefined | null) => (v === undefined ? null : v);
  return {
    object: "api_key", id: key.key_id, tenant_id: key.tenant_id, name: key.name, key_prefix: key.key_prefix,
    allowed_models: key.allowed_models,
    budget_total_nanousd: budget(key.budget_total_nanousd), budget_total_usd: usdOrNull(key.budget_total_nanousd),
    budget_daily_nanousd: budget(key.budget_daily_nanousd), budget_daily_usd: usdOrNull(key.budget_daily_nanousd),
    budget_monthly_nanousd: budget(key.budget_monthly_nanousd), budget_monthly_usd: usdOrNull(key.budget_monthly_nanousd),
    ...(remaining === undefined ? {} : { remaining_budget_nanousd: remaining, remaining_budget_usd: usdOrNull(remaining) }),
    rpm_limit: key.rpm_limit, tpm_limit: key.tpm_limit, revoked: key.revoked,
    created: Math.floor(key.created_unix_ms / 1000),
  };
}

export function spendJson(
  tenantId: string, query: { from?: string; to?: string; keyId?: string; groupBy: string[] }, spend: GetSpendResponse__Output,
) {
  const grouped = (g: string, value: string) => (query.groupBy.includes(g) ? value : null);
  const savings = spend.reference_model ? spend.counterfactual_cost_nanousd - spend.total_cost_nanousd : null;
  return {
    object: "spend_report", tenant_id: tenantId, key_id: query.keyId ?? null, from: query.from ?? null, to: query.to ?? null,
    group_by: query.groupBy, requests: spend.requests,
    total_cost_nanousd: spend.total_cost_nanousd, total_cost_usd: nanoToUsd(spend.total_cost_nanousd),
    reference_model: spend.reference_model || null,
    counterfactual_cost_nanousd: spend.reference_model ? spend.counterfactual_cost_nanousd : null,
    counterfactual_cost_usd: spend.reference_model ? nanoToUsd(spend.counterfactual_cost_nanousd) : null,
    savings_nanousd: savings, savings_usd: usdOrNull(savings),
    data: spend.rows.map((r) => ({
      day: grouped("day", r.day), model: grouped("model", r.model_id), key_id: grouped("key", r.key_id),
      calls: r.calls, input_tokens: r.input_tokens, cached_input_tokens: r.cached_input_tokens, output_tokens: r.output_tokens,
      cost_nanousd: r.cost_nanousd, cost_usd: nanoToUsd(r.cost_nanousd),
      counterfactual_cost_nanousd: spend.reference_model ? r.counterfactual_cost_nanousd : null,
    })),
  };
}

export function requestJson(request: RequestRecord__Output | null, calls: CallRecord__Output[]) {
  const n = (v: unknown) => Number(v ?? 0);
  return {
    object: "request_record", id: request?.request_id ?? calls[0]?.request_id ?? "",
    recorded: request !== null,
    ...(request ? {
      key_id: request.key_id, routing_strategy: request.routing_strategy, policy: request.policy, model_used: request.model_used,
      turns: request.turns, status: request.status, http_status: request.http_status, error_code: request.error_code || null,
      latency_ms: n(request.latency_ms), total_cost_nanousd: n(request.total_cost_nanousd),
      router_cost_nanousd: n(request.router_cost_nanousd), created: Math.floor(n(request.created_unix_ms) / 1000),
    } : {}),
    calls: calls.map((c) => ({
      id: c.call_id, model: c.model_id, provider: c.provider,
      status: String(c.status ?? "").replace("CALL_STATUS_", "").toLowerCase(),
      input_tokens: n(c.usage?.input_tokens), cached_input_tokens: n(c.usage?.cached_input_tokens),
      output_tokens: n(c.usage?.output_tokens), reasoning_tokens: n(c.usage?.reasoning_tokens),
      usage_estimated: Boolean(c.usage?.estimated), cost_nanousd: n(c.cost_nanousd), latency_ms: n(c.latency_ms),
      attempts: c.attempts ?? 0, error_code: c.error_code || null,
    })),
  };
}

/** The ledger's NOT_FOUND and INVALID_ARGUMENT carry messages meant for the caller. */
export function fromLedgerError(error: unknown, notFoundCode: string): XRouterError {
  if (isServiceError(error) && error.code === grpc.status.NOT_FOUND) {
    return new XRouterError(`${error.details}.`, { status: 404, type: "not_found_error", code: notFoundCode });
  }
  if (isServiceError(error) && error.code === grpc.status.INVALID_ARGUMENT) {
    return new XRouterError(`${error.details}.`, { status: 400, type: "invalid_request_error", code: "invalid_value" });
  }
  return fromGrpcError("ledger", error);
}
