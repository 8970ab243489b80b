// What an API key may see of its own tenant: spend (GET /v1/spend), the tenant's keys and one
// request's record. The tenant always comes from the authenticated key, never from the query, and
// the ledger answers NOT_FOUND for ids of other tenants, so they are indistinguishable from ids
// that do not exist.
import type { FastifyInstance } from "fastify";
import type { Catalog, LedgerClient } from "../../../common/src/index.js";
import { parseSpendQuery } from "../core/admin-input.js";
import { spendReference } from "./admin-routes.js";
import type { KeyAuthenticator } from "./auth.js";
import { fromLedgerError, keyJson, requestJson, spendJson } from "./ledger-json.js";

export interface SpendRouteDeps {
  catalog: Catalog;
  ledger: LedgerClient;
  auth: KeyAuthenticator;
}

export function registerSpendRoutes(app: FastifyInstance, deps: SpendRouteDeps): void {
  const { ledger } = deps;
  const call = <T>(promise: Promise<T>, notFoundCode: string) =>
    promise.catch((error: unknown) => { throw fromLedgerError(error, notFoundCode); });

  app.get<{ Querystring: Record<string, string> }>("/v1/spend", async (request, reply) => {
    const auth = await deps.auth.authenticate(request.headers.authorization);
    const query = parseSpendQuery(request.query);
    const spend = await call(ledger.getSpend({
      tenant_id: auth.tenantId, key_id: query.keyId ?? "", from_day: query.from ?? "", to_day: query.to ?? "",
      group_by: query.groupBy, ...spendReference(deps.catalog),
    }), "key_not_found");
    return reply.send(spendJson(auth.tenantId, query, spend));
  });

  app.get("/v1/keys", async (request, reply) => {
    const auth = await deps.auth.authenticate(request.headers.authorization);
    const listed = await call(ledger.listKeys({ tenant_id: auth.tenantId }), "key_not_found");
    return reply.send({ object: "list", data: listed.keys.map((k) => keyJson(k)) });
  });

  app.get<{ Params: { keyId: string } }>("/v1/keys/:keyId", async (request, reply) => {
    const auth = await deps.auth.authenticate(request.headers.authorization);
    const found = await call(ledger.getKey({ key_id: request.params.keyId, tenant_id: auth.tenantId }), "key_not_found");
    return reply.send(keyJson(found.key!, found.remaining_budget_nanousd ?? null));
  });

  app.get<{ Params: { requestId: string } }>("/v1/requests/:requestId", async (request, reply) => {
    const auth = await deps.auth.authenticate(request.headers.authorization);
    const found = await call(ledger.getRequest({ tenant_id: auth.tenantId, request_id: request.params.requestId }), "request_not_found");
    return reply.send(requestJson(found.request, found.calls));
  });
}
