// Spend reports and request look-ups, always scoped to one tenant: a key id or request id of
// another tenant is NOT_FOUND, the same answer as one that does not exist.
import type { GetRequestResponse } from "../../../common/src/generated/xrouter/ledger/v1/GetRequestResponse.js";
import type { GetSpendRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/GetSpendRequest.js";
import type { GetSpendResponse } from "../../../common/src/generated/xrouter/ledger/v1/GetSpendResponse.js";
import { counterfactualNano } from "../core/counterfactual.js";
import { notFound } from "../core/errors.js";
import { requireId, validateDayRange, validateGroupBy } from "../core/validation.js";
import type { Queryable } from "./database.js";
import { findKey } from "./keys-repo.js";
import { countRequests, findCalls, findRequest, querySpend } from "./report-repo.js";

export class Reports {
  constructor(private readonly db: Queryable) {}

  async getSpend(request: GetSpendRequest__Output): Promise<GetSpendResponse> {
    const tenantId = requireId(request.tenant_id, "tenant_id");
    const { from, to } = validateDayRange(request.from_day, request.to_day);
    const groups = validateGroupBy(request.group_by);
    const keyId = (request.key_id ?? "").trim() || undefined;
    if (keyId && !(await findKey(this.db, keyId, tenantId))) throw notFound(`no key with key_id '${keyId}'`);
    const filter = { tenantId, keyId, fromDay: from, toDay: to };
    const [rows, requests] = await Promise.all([querySpend(this.db, filter, groups), countRequests(this.db, filter)]);
    const reference = request.reference_price;
    let total = 0;
    let counterfactual = 0;
    const out = rows.map((row) => {
      const cf = counterfactualNano(row, reference);
      total += row.cost_nanousd;
      counterfactual += cf;
      const { cache_write_tokens: _notInTheReport, ...reported } = row;
      return { ...reported, counterfactual_cost_nanousd: cf };
    });
    return {
      rows: out, total_cost_nanousd: total, requests, counterfactual_cost_nanousd: counterfactual,
      reference_model: reference ? request.reference_model ?? "" : "",
    };
  }

  async getRequest(tenantIdIn: string, requestIdIn: string): Promise<GetRequestResponse> {
    const tenantId = requireId(tenantIdIn, "tenant_id");
    const requestId = requireId(requestIdIn, "request_id");
    const [record, calls] = await Promise.all([
      findRequest(this.db, tenantId, requestId), findCalls(this.db, tenantId, requestId),
    ]);
    // Calls are recorded by executors and may land before the gateway's request record.
    if (!record && calls.length === 0) throw notFound(`no request with request_id '${requestId}'`);
    return { request: record ?? null, calls };
  }
}
