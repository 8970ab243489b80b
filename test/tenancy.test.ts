// Tenants over HTTP: the admin API (XROUTER_ADMIN_TOKEN) creates and manages keys of any tenant
// and refuses bad input in OpenAI's error shape; an API key sees its own tenant only (spend,
// keys, request records) and gets 404 or 403 for anything of another tenant. Spend reports carry
// what the same tokens would have cost on the catalog's most expensive model.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSystem, type RunningSystem } from "./support/system.js";

const ADMIN = "admin-token-for-tests-0123456789";
let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem("tenancy", { executors: 1, env: { XROUTER_ADMIN_TOKEN: ADMIN, XROUTER_AUTH_CACHE_MS: "0" } });
  system.fake.setBehaviour({ usage: { prompt: 1000, completion: 100, cached: 200 } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

type Json = Record<string, any>;

async function http(method: string, path: string, token: string | undefined, body?: unknown) {
  const response = await fetch(`${system.baseUrl}${path}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() as Json };
}

const openAiError = (body: Json) => expect(Object.keys(body.error ?? {}).sort()).toEqual(["code", "message", "param", "type"]);

async function tenantWithTraffic(tenant: string) {
  const created = await http("POST", "/admin/keys", ADMIN, { tenant_id: tenant, name: `${tenant} key`, budget_daily_usd: 5 });
  expect(created.status).toBe(201);
  const completion = await http("POST", "/chat/completions", created.body.api_key, {
    model: "gpt-5-nano", max_tokens: 100, messages: [{ role: "user", content: `hello from ${tenant}` }],
  });
  expect(completion.status).toBe(200);
  return { apiKey: created.body.api_key as string, keyId: created.body.id as string, requestId: completion.body.id as string, cost: completion.body.router_metadata.total_cost_nanousd as number };
}

describe("tenant isolation over HTTP", () => {
  let a: Awaited<ReturnType<typeof tenantWithTraffic>>;
  let b: Awaited<ReturnType<typeof tenantWithTraffic>>;

  beforeAll(async () => {
    a = await tenantWithTraffic("tenant-a");
    b = await tenantWithTraffic("tenant-b");
  });

  it("shows a key its own tenant's spend, keys and requests", async () => {
    // records reach the ledger over the records stream a moment after the answer (batched)
    let spend = await http("GET", "/spend?group_by=key,model", a.apiKey);
    for (let i = 0; i < 50 && spend.status === 200 && spend.body.total_cost_nanousd !== a.cost; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      spend = await http("GET", "/spend?group_by=key,model", a.apiKey);
    }
    expect(spend.status).toBe(200);
    expect(spend.body).toMatchObject({ object: "spend_report", tenant_id: "tenant-a", total_cost_nanousd: a.cost, reference_model: "gpt-5" });
    expect(spend.body.data).toEqual([expect.objectContaining({ key_id: a.keyId, model: "gpt-5-nano", day: null, calls: 1 })]);
    // the savings: the same tokens on gpt-5 (1.25 / 0.125 / 10 USD per 1M in / cached / out)
    const onGpt5 = 800 * 1_250 + 200 * 125 + 100 * 10_000;
    expect(spend.body.counterfactual_cost_nanousd).toBe(onGpt5);
    expect(spend.body.savings_nanousd).toBe(onGpt5 - a.cost);

    const keys = await http("GET", "/keys", a.apiKey);
    expect(keys.body.data.map((k: Json) => k.id)).toEqual([a.keyId]);
    expect(JSON.stringify(keys.body)).not.toContain(a.apiKey);
    expect((await http("GET", `/keys/${a.keyId}`, a.apiKey)).body).toMatchObject({ id: a.keyId, budget_daily_usd: 5 });

    let record = await http("GET", `/requests/${a.requestId}`, a.apiKey);
    for (let i = 0; i < 50 && !record.body.recorded; i += 1) {
      await new Promise((r) => setTimeout(r, 100));
      record = await http("GET", `/requests/${a.requestId}`, a.apiKey);
    }
    expect(record.body).toMatchObject({ id: a.requestId, recorded: true, status: "ok", total_cost_nanousd: a.cost });
    expect(record.body.calls).toEqual([expect.objectContaining({ model: "gpt-5-nano", status: "ok", input_tokens: 1000, cached_input_tokens: 200, output_tokens: 100 })]);
  });

  it("answers 404 for another tenant's spend, key and request, and 403 on the admin API", async () => {
    const attempts = [
      await http("GET", `/spend?key_id=${b.keyId}`, a.apiKey),
      await http("GET", `/keys/${b.keyId}`, a.apiKey),
      await http("GET", `/requests/${b.requestId}`, a.apiKey),
    ];
    for (const attempt of attempts) {
      expect(attempt.status).toBe(404);
      openAiError(attempt.body);
      expect(JSON.stringify(attempt.body)).not.toContain("tenant-b");
    }
    // the same ids that do not exist at all answer identically
    expect((await http("GET", "/keys/key_000000000000000000000000", a.apiKey)).status).toBe(404);
    for (const [method, path] of [["GET", "/admin/keys?tenant_id=tenant-b"], ["POST", `/admin/keys/${b.keyId}/revoke`], ["GET", "/admin/spend?tenant_id=tenant-b"]]) {
      const refused = await http(method!, path!, a.apiKey);
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ type: "permission_error", code: "admin_only" });
    }
    // nothing of B changed
    expect((await http("GET", `/keys/${b.keyId}`, b.apiKey)).body.revoked).toBe(false);
  });
});

describe("the admin API", () => {
  it("lists, changes and revokes keys, and reports any tenant's spend", async () => {
    const created = await http("POST", "/admin/keys", ADMIN, { tenant_id: "tenant-c", rpm_limit: 30, allowed_models: ["gpt-5-nano"] });
    expect(created.body.api_key).toMatch(/^xr-/);
    const id = created.body.id as string;
    expect((await http("GET", "/admin/keys?tenant_id=tenant-c", ADMIN)).body.data.map((k: Json) => k.id)).toEqual([id]);
    const patched = await http("PATCH", `/admin/keys/${id}`, ADMIN, { budget_monthly_usd: 2.5, rpm_limit: 0, allowed_models: null });
    expect(patched.body).toMatchObject({ budget_monthly_nanousd: 2_500_000_000, rpm_limit: 0, allowed_models: [] });
    const cleared = await http("PATCH", `/admin/keys/${id}`, ADMIN, { budget_monthly_usd: null });
    expect(cleared.body.budget_monthly_nanousd).toBeNull();
    expect((await http("GET", "/admin/spend?tenant_id=tenant-a&group_by=day", ADMIN)).body.requests).toBeGreaterThanOrEqual(1);
    expect((await http("POST", `/admin/keys/${id}/revoke`, ADMIN)).body.revoked).toBe(true);
    const after = await http("POST", "/chat/completions", created.body.api_key, { model: "gpt-5-nano", messages: [{ role: "user", content: "x" }] });
    expect(after.status).toBe(401);
  });

  it("refuses bad input with a 4xx in OpenAI's error shape that names the problem", async () => {
    const cases: Array<[string, string, string | undefined, unknown, number, Json]> = [
      ["POST", "/admin/keys", ADMIN, { tenant_id: "t", budget_daily_usd: -1 }, 400, { param: "budget_daily_usd", code: "invalid_value" }],
      ["POST", "/admin/keys", ADMIN, { tenant_id: "t", budget_total_nanousd: 1.5 }, 400, { param: "budget_total_nanousd" }],
      ["POST", "/admin/keys", ADMIN, { tenant_id: "t", budget_total_usd: 1, budget_total_nanousd: 1 }, 400, { param: "budget_total_usd" }],
      ["POST", "/admin/keys", ADMIN, { tenant_id: "t", budget_daly_usd: 1 }, 400, { param: "budget_daly_usd", code: "unknown_parameter" }],
      ["POST", "/admin/keys", ADMIN, { name: "no tenant" }, 400, { param: "tenant_id" }],
      ["POST", "/admin/keys", ADMIN, { tenant_id: "t", rpm_limit: -5 }, 400, { param: "rpm_limit" }],
      ["PATCH", "/admin/keys/key_000000000000000000000000", ADMIN, { rpm_limit: 1 }, 404, { type: "not_found_error", code: "key_not_found" }],
      ["POST", "/admin/keys/key_000000000000000000000000/revoke", ADMIN, undefined, 404, { code: "key_not_found" }],
      ["PATCH", "/admin/keys/key_000000000000000000000000", ADMIN, {}, 400, { code: "invalid_body" }],
      ["GET", "/admin/keys", ADMIN, undefined, 400, { param: "tenant_id" }],
      ["GET", "/admin/spend?tenant_id=t&group_by=week", ADMIN, undefined, 400, { param: "group_by" }],
      ["GET", "/admin/spend?tenant_id=t&from=2025-02-30", ADMIN, undefined, 400, { param: "from" }],
      ["GET", "/admin/spend?tenant_id=t&from=2025-03-02&to=2025-03-01", ADMIN, undefined, 400, { param: "to" }],
      ["GET", "/admin/keys?tenant_id=t", "not-the-admin-token", undefined, 401, { type: "authentication_error" }],
      ["GET", "/admin/keys?tenant_id=t", undefined, undefined, 401, { type: "authentication_error" }],
    ];
    for (const [method, path, token, body, status, error] of cases) {
      const answer = await http(method, path, token, body);
      expect({ path, body, status: answer.status }).toEqual({ path, body, status });
      openAiError(answer.body);
      expect(answer.body.error).toMatchObject(error);
    }
    const malformed = await fetch(`${system.baseUrl}/admin/keys`, { headers: { authorization: "Token abc" } });
    expect(malformed.status).toBe(401);
  });

  it("never writes a key or the admin token to a log", () => {
    const logs = [...system.gateways, system.ledger].flatMap((p) => p.logs).join("\n");
    expect(logs).not.toContain(ADMIN);
    expect(logs).not.toMatch(/xr-[A-Za-z0-9_-]{43}/);
  });
});
