// The ledger's key administration, rate limits, spend reports with the counterfactual, request
// look-ups and retention, over real gRPC on PostgreSQL and on PGlite with the same assertions.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CallStatus, createLogger, grpc, isServiceError, LedgerClient, type CallRecord } from "../services/common/src/index.js";
import { startLedger, type LedgerHandle } from "../services/ledger/src/app.js";
import type { LedgerConfig } from "../services/ledger/src/config.js";
import { createTestDatabase } from "./support/isolation.js";

const silent = createLogger("ledger-admin-test", "silent");
const NOON = Date.UTC(2025, 5, 15, 12, 0, 0);
const DAY_MS = 24 * 60 * 60 * 1000;

async function grpcError(promise: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await promise;
  } catch (error) {
    if (isServiceError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected a gRPC error");
}

const stores = [
  {
    name: "postgres",
    async open() {
      const db = await createTestDatabase("ledgeradmin");
      return { config: { databaseUrl: db.url }, cleanup: () => db.drop() };
    },
  },
  {
    name: "pglite",
    async open() {
      const dir = await mkdtemp(join(tmpdir(), "xr-ledger-admin-"));
      return { config: { dataDir: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  },
];

describe.each(stores)("ledger administration on $name", (store) => {
  const clock = { ms: NOON };
  let ledger: LedgerHandle;
  let client: LedgerClient;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await store.open();
    cleanup = opened.cleanup;
    const config: LedgerConfig = {
      port: 0, host: "127.0.0.1", dataDir: ".xrouter", logLevel: "silent", retentionDays: 30, pruneIntervalMs: 3_600_000,
      ...opened.config,
    };
    ledger = await startLedger(config, { logger: silent, now: () => clock.ms });
    client = new LedgerClient(ledger.address, 15_000);
  });

  afterAll(async () => {
    client?.close();
    await ledger?.stop();
    await cleanup?.();
  });

  const newKey = async (over: { tenant?: string; rpm?: number; tpm?: number; total?: number } = {}) => {
    const tenant = over.tenant ?? `tenant-${randomUUID()}`;
    const created = await client.createKey({
      tenant_id: tenant, name: "k", rpm_limit: over.rpm ?? 0, tpm_limit: over.tpm ?? 0, budget_total_nanousd: over.total,
    });
    return { tenant, apiKey: created.api_key, key: created.key! };
  };

  const call = (tenant: string, keyId: string, over: Partial<CallRecord> = {}): CallRecord => ({
    call_id: `call_${randomUUID()}`, request_id: "req", tenant_id: tenant, key_id: keyId, model_id: "cheap",
    provider: "p", status: CallStatus.CALL_STATUS_OK,
    usage: { input_tokens: 1000, output_tokens: 200, cached_input_tokens: 400, reasoning_tokens: 50 },
    cost_nanousd: 90, latency_ms: 5, attempts: 1, created_unix_ms: clock.ms, ...over,
  });

  it("lists, shows, changes and revokes keys, each only within its tenant", async () => {
    const a = await newKey({ total: 1_000 });
    const a2 = await newKey({ tenant: a.tenant });
    const b = await newKey();
    const listed = await client.listKeys({ tenant_id: a.tenant });
    expect(listed.keys.map((k) => k.key_id).sort()).toEqual([a.key.key_id, a2.key.key_id].sort());
    expect(listed.keys[0]!.key_prefix).toMatch(/^xr-/);
    expect(JSON.stringify(listed)).not.toContain(a.apiKey);

    expect((await client.getKey({ key_id: a.key.key_id, tenant_id: a.tenant })).remaining_budget_nanousd).toBe(1_000);
    expect((await grpcError(client.getKey({ key_id: b.key.key_id, tenant_id: a.tenant }))).code).toBe(grpc.status.NOT_FOUND);
    expect((await grpcError(client.revokeKey({ key_id: b.key.key_id, tenant_id: a.tenant }))).code).toBe(grpc.status.NOT_FOUND);
    expect((await grpcError(client.updateKey({ key_id: b.key.key_id, tenant_id: a.tenant, rpm_limit: 1 }))).code)
      .toBe(grpc.status.NOT_FOUND);

    const updated = await client.updateKey({
      key_id: a.key.key_id, budget_daily_nanousd: 300, clear_budgets: ["total"], rpm_limit: 7,
      replace_allowed_models: true, allowed_models: ["cheap"],
    });
    expect(updated.key).toMatchObject({ budget_daily_nanousd: 300, rpm_limit: 7, tpm_limit: 0, allowed_models: ["cheap"] });
    expect(updated.key!.budget_total_nanousd).toBeUndefined();
    expect((await client.authenticate(a.apiKey)).remaining_budget_nanousd).toBe(300);

    const revoked = await client.revokeKey({ key_id: a2.key.key_id, tenant_id: a.tenant });
    expect(revoked.key!.revoked).toBe(true);
    expect((await client.revokeKey({ key_id: a2.key.key_id })).key!.revoked).toBe(true);
    expect((await client.authenticate(a2.apiKey)).ok).toBe(false);
    expect((await client.listKeys({ tenant_id: a.tenant })).keys).toHaveLength(1);
    expect((await client.listKeys({ tenant_id: a.tenant, include_revoked: true })).keys).toHaveLength(2);
  });

  it("refuses bad changes with a message naming the problem", async () => {
    const { key, apiKey } = await newKey();
    const negative = await grpcError(client.updateKey({ key_id: key.key_id, budget_daily_nanousd: -5 }));
    expect(negative).toMatchObject({ code: grpc.status.INVALID_ARGUMENT });
    expect(negative.details).toContain("budget_daily_nanousd");
    const unknown = await grpcError(client.updateKey({ key_id: "key_000000000000000000000000", rpm_limit: 1 }));
    expect(unknown).toMatchObject({ code: grpc.status.NOT_FOUND });
    const pasted = await grpcError(client.revokeKey({ key_id: apiKey }));
    expect(pasted.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(pasted.details).not.toContain(apiKey);
    expect((await grpcError(client.listKeys({ tenant_id: "" }))).code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it("admits exactly the per-minute request limit out of parallel checks, then resets after the window", async () => {
    const { key } = await newKey({ rpm: 10 });
    const answers = await Promise.all(Array.from({ length: 30 }, () => client.checkRateLimit({ key_id: key.key_id, tokens: 1 })));
    expect(answers.filter((a) => a.allowed)).toHaveLength(10);
    const denied = answers.find((a) => !a.allowed)!;
    expect(denied).toMatchObject({ limit_requests: 10, remaining_requests: 0, reset_ms: 60_000 });
    expect(denied.denied_reason).toContain("10 requests per minute");
    expect(answers.filter((a) => a.allowed).map((a) => a.remaining_requests).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);

    clock.ms += 59_999;
    try {
      expect((await client.checkRateLimit({ key_id: key.key_id, tokens: 1 })).allowed).toBe(false);
      clock.ms += 1;
      const fresh = await client.checkRateLimit({ key_id: key.key_id, tokens: 1 });
      expect(fresh).toMatchObject({ allowed: true, remaining_requests: 9, reset_ms: 60_000 });
    } finally {
      clock.ms = NOON;
    }
  });

  it("counts tokens against the tokens-per-minute limit", async () => {
    const { key } = await newKey({ tpm: 1_000 });
    expect(await client.checkRateLimit({ key_id: key.key_id, tokens: 600 }))
      .toMatchObject({ allowed: true, limit_tokens: 1_000, remaining_tokens: 400, limit_requests: 0 });
    const over = await client.checkRateLimit({ key_id: key.key_id, tokens: 401 });
    expect(over).toMatchObject({ allowed: false, remaining_tokens: 400 });
    expect(over.denied_reason).toContain("1000 tokens per minute");
    expect(await client.checkRateLimit({ key_id: key.key_id, tokens: 400 })).toMatchObject({ allowed: true, remaining_tokens: 0 });
    const huge = await newKey({ tpm: 50 });
    expect((await client.checkRateLimit({ key_id: huge.key.key_id, tokens: 51 })).denied_reason).toContain("more than the key's limit");
    expect((await grpcError(client.checkRateLimit({ key_id: "key_missing", tokens: 1 }))).code).toBe(grpc.status.NOT_FOUND);
    expect((await grpcError(client.checkRateLimit({ key_id: key.key_id, tokens: -1 }))).code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it("reports spend by key and model with what the reference model would have cost", async () => {
    const a = await newKey();
    const a2 = await newKey({ tenant: a.tenant });
    const b = await newKey();
    await client.recordCall(call(a.tenant, a.key.key_id));
    await client.recordCall(call(a.tenant, a.key.key_id, { model_id: "mid", cost_nanousd: 500 }));
    await client.recordCall(call(a.tenant, a2.key.key_id, { created_unix_ms: NOON - DAY_MS }));
    await client.recordCall(call(b.tenant, b.key.key_id));
    const reference = {
      input_nanousd_per_token: 1_250, cached_input_nanousd_per_token: 125, output_nanousd_per_token: 10_000, cache_write_nanousd_per_token: 0,
    };
    const oneCall = 600 * 1_250 + 400 * 125 + 200 * 10_000;

    const byKey = await client.getSpend({ tenant_id: a.tenant, group_by: ["key"], reference_price: reference, reference_model: "big" });
    expect(byKey.rows.map((r) => [r.key_id, r.day, r.model_id, r.calls, r.cost_nanousd, r.counterfactual_cost_nanousd])).toEqual(
      [[a.key.key_id, "", "", 2, 590, 2 * oneCall], [a2.key.key_id, "", "", 1, 90, oneCall]].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    expect(byKey).toMatchObject({ total_cost_nanousd: 680, counterfactual_cost_nanousd: 3 * oneCall, reference_model: "big" });
    expect(byKey.rows[0]!.cached_input_tokens).toBeGreaterThan(0);

    const byDay = await client.getSpend({ tenant_id: a.tenant, key_id: a.key.key_id, group_by: ["day"] });
    expect(byDay.rows.map((r) => [r.day, r.calls, r.counterfactual_cost_nanousd])).toEqual([["2025-06-15", 2, 0]]);
    expect(byDay.reference_model).toBe("");

    expect((await grpcError(client.getSpend({ tenant_id: a.tenant, key_id: b.key.key_id }))).code).toBe(grpc.status.NOT_FOUND);
    expect((await grpcError(client.getSpend({ tenant_id: a.tenant, group_by: ["tenant"] }))).code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it("shows a request with its calls only to its own tenant", async () => {
    const a = await newKey();
    const b = await newKey();
    const requestId = `req-${randomUUID()}`;
    await client.recordRequest({ request_id: requestId, tenant_id: a.tenant, key_id: a.key.key_id, status: "ok", turns: 1, created_unix_ms: clock.ms });
    await client.recordCall(call(a.tenant, a.key.key_id, { request_id: requestId }));
    const found = await client.getRequest({ tenant_id: a.tenant, request_id: requestId });
    expect(found.request).toMatchObject({ request_id: requestId, key_id: a.key.key_id, status: "ok", turns: 1 });
    expect(found.calls).toHaveLength(1);
    expect(found.calls[0]!.usage).toMatchObject({ input_tokens: 1000, cached_input_tokens: 400, reasoning_tokens: 50 });
    expect(found.calls[0]!.status).toBe("CALL_STATUS_OK");
    expect((await grpcError(client.getRequest({ tenant_id: b.tenant, request_id: requestId }))).code).toBe(grpc.status.NOT_FOUND);
  });

  it("prunes raw records past the retention and keeps every reported number", async () => {
    const a = await newKey();
    const oldMs = NOON - 45 * DAY_MS;
    const oldRequest = `req-old-${randomUUID()}`;
    await client.recordRequest({ request_id: oldRequest, tenant_id: a.tenant, key_id: a.key.key_id, status: "ok", created_unix_ms: oldMs });
    await client.recordCall(call(a.tenant, a.key.key_id, { request_id: oldRequest, created_unix_ms: oldMs }));
    const newRequest = `req-new-${randomUUID()}`;
    await client.recordRequest({ request_id: newRequest, tenant_id: a.tenant, key_id: a.key.key_id, status: "ok", created_unix_ms: clock.ms });
    await client.recordCall(call(a.tenant, a.key.key_id, { request_id: newRequest }));
    const before = await client.getSpend({ tenant_id: a.tenant });

    const pruned = await ledger.retention!.runOnce();
    expect(pruned.before).toBe("2025-05-16");
    expect(pruned.callRecords).toBeGreaterThanOrEqual(1);
    expect(pruned.requestRecords).toBeGreaterThanOrEqual(1);

    expect(await client.getSpend({ tenant_id: a.tenant })).toEqual(before);
    expect(before.requests).toBe(2);
    expect((await grpcError(client.getRequest({ tenant_id: a.tenant, request_id: oldRequest }))).code).toBe(grpc.status.NOT_FOUND);
    expect((await client.getRequest({ tenant_id: a.tenant, request_id: newRequest })).calls).toHaveLength(1);
  });
});
