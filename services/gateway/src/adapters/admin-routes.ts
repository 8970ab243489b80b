// The admin API under /v1/admin: create, list, show, change and revoke keys of any tenant, and
// any tenant's spend. Guarded by XROUTER_ADMIN_TOKEN (a bearer token compared in constant time);
// without that variable the admin API is off. Keys are shown once, in the create answer only.
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { invalidRequest, unauthorized, XRouterError, type Catalog, type LedgerClient } from "../../../common/src/index.js";
import { parseCreateKey, parseSpendQuery, parseUpdateKey } from "../core/admin-input.js";
import { mostExpensiveModel } from "../core/spend-reference.js";
import type { KeyAuthenticator } from "./auth.js";
import { fromLedgerError, keyJson, spendJson } from "./ledger-json.js";

export interface AdminRouteDeps {
  catalog: Catalog;
  ledger: LedgerClient;
  auth: KeyAuthenticator;
  adminToken?: string;
}

const digest = (text: string) => createHash("sha256").update(text, "utf8").digest();

export function spendReference(catalog: Catalog) {
  const reference = mostExpensiveModel(catalog.models);
  return reference ? { reference_price: reference.price, reference_model: reference.id } : {};
}

function adminGuard(deps: AdminRouteDeps) {
  const expected = deps.adminToken ? digest(deps.adminToken) : undefined;
  return async (request: FastifyRequest): Promise<void> => {
    if (!expected) {
      throw new XRouterError("The admin API is disabled: the gateway has no XROUTER_ADMIN_TOKEN.",
        { status: 403, type: "permission_error", code: "admin_disabled" });
    }
    const match = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? "");
    if (!match) throw unauthorized("The admin API needs 'Authorization: Bearer <admin token>'.");
    if (timingSafeEqual(digest(match[1]!), expected)) return;
    // A valid API key is a known caller without the right: 403, not 401.
    const isApiKey = await deps.auth.authenticate(request.headers.authorization).then(() => true, () => false);
    if (isApiKey) {
      throw new XRouterError("API keys cannot use the admin API; use the admin token.", { status: 403, type: "permission_error", code: "admin_only" });
    }
    throw unauthorized("Incorrect admin token provided.");
  };
}

type KeyParams = { Params: { keyId: string } };

export function registerAdminRoutes(app: FastifyInstance, deps: AdminRouteDeps): void {
  const { ledger } = deps;
  const guard = adminGuard(deps);
  const call = <T>(promise: Promise<T>, notFoundCode = "key_not_found") =>
    promise.catch((error: unknown) => { throw fromLedgerError(error, notFoundCode); });

  app.post("/v1/admin/keys", async (request, reply) => {
    await guard(request);
    const created = await call(ledger.createKey(parseCreateKey(request.body)));
    return reply.code(201).send({ ...keyJson(created.key!), api_key: created.api_key });
  });

  app.get<{ Querystring: { tenant_id?: string; include_revoked?: string; all_tenants?: string } }>("/v1/admin/keys", async (request, reply) => {
    await guard(request);
    const q = request.query;
    const all = q.all_tenants === "true";
    if (!all && !q.tenant_id) throw invalidRequest("Give tenant_id (or all_tenants=true).", "tenant_id", "missing_required_parameter");
    const listed = await call(ledger.listKeys({ tenant_id: q.tenant_id ?? "", include_revoked: q.include_revoked === "true", all_tenants: all }));
    return reply.send({ object: "list", data: listed.keys.map((k) => keyJson(k)) });
  });

  app.get<KeyParams>("/v1/admin/keys/:keyId", async (request, reply) => {
    await guard(request);
    const found = await call(ledger.getKey({ key_id: request.params.keyId }));
    return reply.send(keyJson(found.key!, found.remaining_budget_nanousd ?? null));
  });

  app.patch<KeyParams>("/v1/admin/keys/:keyId", async (request, reply) => {
    await guard(request);
    const updated = await call(ledger.updateKey(parseUpdateKey(request.params.keyId, request.body)));
    return reply.send(keyJson(updated.key!));
  });

  app.post<KeyParams>("/v1/admin/keys/:keyId/revoke", async (request, reply) => {
    await guard(request);
    const revoked = await call(ledger.revokeKey({ key_id: request.params.keyId }));
    return reply.send(keyJson(revoked.key!));
  });

  app.get<{ Querystring: Record<string, string> }>("/v1/admin/spend", async (request, reply) => {
    await guard(request);
    const tenantId = request.query.tenant_id;
    if (!tenantId) throw invalidRequest("Give the tenant_id of the report.", "tenant_id", "missing_required_parameter");
    const query = parseSpendQuery(request.query);
    const spend = await call(ledger.getSpend({
      tenant_id: tenantId, key_id: query.keyId ?? "", from_day: query.from ?? "", to_day: query.to ?? "",
      group_by: query.groupBy, ...spendReference(deps.catalog),
    }));
    return reply.send(spendJson(tenantId, query, spend));
  });
}
