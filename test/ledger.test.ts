// The ledger over real gRPC, on PostgreSQL and on embedded PGlite with the same assertions, plus
// one run as a child process the way deployments start it.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CallStatus, checkHealth, createLogger, grpc, isServiceError, LedgerClient, type CallRecord,
} from "../services/common/src/index.js";
import { startLedger, type LedgerHandle } from "../services/ledger/src/app.js";
import type { LedgerConfig } from "../services/ledger/src/config.js";
import { createTestDatabase } from "./support/isolation.js";
import { startService } from "./support/processes.js";

const silent = createLogger("ledger-test", "silent");
const NOON = Date.UTC(2025, 5, 15, 12, 0, 0);
const DAY_MS = 24 * 60 * 60 * 1000;

async function grpcCode(promise: Promise<unknown>): Promise<{ code: number; details: string }> {
  try {
    await promise;
  } catch (error) {
    if (isServiceError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error("expected a gRPC error");
}

interface Store {
  name: string;
  open(): Promise<{ config: Partial<LedgerConfig>; cleanup(): Promise<void> }>;
}

const stores: Store[] = [
  {
    name: "postgres",
    async open() {
      const db = await createTestDatabase("ledger");
      return { config: { databaseUrl: db.url }, cleanup: () => db.drop() };
    },
  },
  {
    name: "pglite",
    async open() {
      const dir = await mkdtemp(join(tmpdir(), "xr-ledger-"));
      return { config: { dataDir: dir }, cleanup: () => rm(dir, { recursive: true, force: true }) };
    },
  },
];

const baseConfig: LedgerConfig = { port: 0, host: "127.0.0.1", dataDir: ".xrouter", logLevel: "silent" };

describe.each(stores)("ledger on $name", (store) => {
  const clock = { ms: NOON };
  let ledger: LedgerHandle;
  let client: LedgerClient;
  let cleanup: () => Promise<void>;

  beforeAll(async () => {
    const opened = await store.open();
    cleanup = opened.cleanup;
    ledger = await startLedger({ ...baseConfig, ...opened.config }, { logger: silent, now: () => clock.ms });
    client = new LedgerClient(ledger.address, 15_000);
  });

  afterAll(async () => {
    client?.close();
    await ledger?.stop();
    await cleanup?.();
  });

  const newKey = async (budgets: { total?: number; daily?: number; monthly?: number } = {}) => {
    const tenant = `tenant-${randomUUID()}`;
    const created = await client.createKey({
      tenant_id: tenant, name: "test key", allowed_models: ["model-a"],
      budget_total_nanousd: budgets.total, budget_daily_nanousd: budgets.daily, budget_monthly_nanousd: budgets.monthly,
      rpm_limit: 60, tpm_limit: 1000,
    });
    return { tenant, apiKey: created.api_key, key: created.key! };
  };

  const callRecord = (tenant: string, keyId: string, over: Partial<CallRecord> = {}): CallRecord => ({
    call_id: `call_${randomUUID()}`, request_id: "req-1", tenant_id: tenant, key_id: keyId, model_id: "model-a",
    provider: "prov", status: CallStatus.CALL_STATUS_OK,
    usage: { input_tokens: 10, output_tokens: 4, cached_input_tokens: 2, estimated: true },
    cost_nanousd: 100, latency_ms: 42, attempts: 2, error_code: "", executor_id: "exec-1",
    created_unix_ms: clock.ms, ...over,
  });

  it("uses the storage it was configured with", () => {
    expect(ledger.storage).toBe(store.name);
  });

  it("creates a key once and authenticates it by its secret", async () => {
    const { tenant, apiKey, key } = await newKey({ daily: 1000 });
    expect(apiKey).toMatch(/^xr-[A-Za-z0-9_-]{43}$/);
    const auth = await client.authenticate(apiKey);
    expect(auth.ok).toBe(true);
    expect(auth.key).toMatchObject({
      key_id: key.key_id, tenant_id: tenant, name: "test key", allowed_models: ["model-a"],
      budget_daily_nanousd: 1000, rpm_limit: 60, tpm_limit: 1000, revoked: false,
    });
    expect(auth.key?.budget_total_nanousd).toBeUndefined();
    expect(auth.key?.created_unix_ms).toBeGreaterThan(0);
    expect(auth.remaining_budget_nanousd).toBe(1000);
  });

  it("has no remaining budget to report for a key without budgets", async () => {
    const { apiKey } = await newKey();
    const auth = await client.authenticate(apiKey);
    expect(auth.ok).toBe(true);
    expect(auth.remaining_budget_nanousd).toBeUndefined();
  });

  it("answers ok=false, not an error, for a wrong or empty key", async () => {
    const { apiKey } = await newKey();
    expect((await client.authenticate(`${apiKey}x`)).ok).toBe(false);
    expect((await client.authenticate("xr-nope")).ok).toBe(false);
    const empty = await client.authenticate("");
    expect(empty.ok).toBe(false);
    expect(empty.key).toBeNull();
  });

  it("rejects invalid keys with INVALID_ARGUMENT and unknown key ids with NOT_FOUND", async () => {
    const noTenant = await grpcCode(client.createKey({ tenant_id: " ", name: "x" }));
    expect(noTenant.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(noTenant.details).toContain("tenant_id");
    const negative = await grpcCode(client.createKey({ tenant_id: "t", budget_daily_nanousd: -1 }));
    expect(negative.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(negative.details).toContain("budget_daily_nanousd");
    const unknown = await grpcCode(client.reserve({ reservation_id: "r", key_id: "key_missing", amount_nanousd: 1 }));
    expect(unknown.code).toBe(grpc.status.NOT_FOUND);
  });

  it("grants exactly 10 of 50 parallel reservations against a budget for 10", async () => {
    const { apiKey, key } = await newKey({ total: 10 * 1_000_000 });
    const ids = Array.from({ length: 50 }, (_, i) => `res-${i}-${randomUUID()}`);
    const answers = await Promise.all(ids.map((id) =>
      client.reserve({ reservation_id: id, key_id: key.key_id, request_id: "req", model_id: "model-a", amount_nanousd: 1_000_000 })));
    const granted = answers.filter((a) => a.ok);
    expect(granted).toHaveLength(10);
    const denied = answers.filter((a) => !a.ok);
    expect(denied.every((a) => a.denied_reason.includes("total budget"))).toBe(true);
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(0);

    // Retrying a granted reservation is idempotent: granted again, nothing more held.
    const grantedId = ids[answers.findIndex((a) => a.ok)]!;
    const retry = await client.reserve({ reservation_id: grantedId, key_id: key.key_id, amount_nanousd: 1_000_000 });
    expect(retry.ok).toBe(true);
    await client.release(grantedId);
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(1_000_000);
  });

  it("counts a redelivered call once and settles its reservation", async () => {
    const { tenant, apiKey, key } = await newKey({ total: 10_000 });
    const record = callRecord(tenant, key.key_id, { cost_nanousd: 700 });
    const reserved = await client.reserve({ reservation_id: record.call_id!, key_id: key.key_id, amount_nanousd: 2_000 });
    expect(reserved).toMatchObject({ ok: true, remaining_budget_nanousd: 8_000 });

    expect(await client.recordCall(record)).toEqual({ inserted: true });
    expect(await client.recordCall(record)).toEqual({ inserted: false });
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(9_300);

    const spend = await client.getSpend({ tenant_id: tenant });
    expect(spend.rows).toEqual([{
      day: "2025-06-15", model_id: "model-a", key_id: "", calls: 1, input_tokens: 10, output_tokens: 4, cached_input_tokens: 2,
      cost_nanousd: 700, counterfactual_cost_nanousd: 0,
    }]);
    expect(spend.total_cost_nanousd).toBe(700);
    // The call already settled the reservation: a late Settle for it adds nothing.
    await client.settle(record.call_id!, 2_000);
    expect((await client.getSpend({ tenant_id: tenant })).total_cost_nanousd).toBe(700);
  });


  it("bills each run of a call that reached the provider twice, and a replay of either run once", async () => {
    const { tenant, apiKey, key } = await newKey({ total: 10_000 });
    const first = callRecord(tenant, key.key_id, { cost_nanousd: 700, execution: 1 });
    // the redelivery ran while the first run was still going: same call id, its own run
    const second = { ...first, cost_nanousd: 650, execution: 2, executor_id: "executor-b" };
    expect((await client.reserve({ reservation_id: first.call_id!, key_id: key.key_id, amount_nanousd: 2_000 })).ok).toBe(true);

    expect(await client.recordCall(second)).toEqual({ inserted: true });
    expect(await client.recordCall(first)).toEqual({ inserted: true });
    // each run's result replayed by a later delivery, and a record from before executions (0 reads as 1)
    expect(await client.recordCalls([second, first, { ...first, execution: 0 }])).toEqual({ inserted: 0 });

    // the reservation settled once; both runs are spend
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(10_000 - 1_350);
    const spend = await client.getSpend({ tenant_id: tenant });
    expect(spend.total_cost_nanousd).toBe(1_350);
    expect(spend.rows.reduce((sum, r) => sum + Number(r.calls), 0)).toBe(2);
  });

  it("bills a run its executor lost at the worst case, and lets the run's own record replace that bill", async () => {
    const { tenant, apiKey, key } = await newKey({ total: 100_000 });
    const lost = (over: Partial<CallRecord>) => callRecord(tenant, key.key_id, {
      status: "CALL_STATUS_LOST", error_code: "executor_lost", cost_nanousd: 5_000, execution: 1,
      usage: { input_tokens: 10, output_tokens: 512, estimated: true }, ...over,
    });
    // a run whose executor went silent, then turned out alive (its lease ran out): its record replaces the bill
    const outlived = lost({ request_id: `req-${randomUUID()}` });
    const outlivedOwn = { ...outlived, status: "CALL_STATUS_OK" as const, error_code: "", cost_nanousd: 700,
      usage: { input_tokens: 10, output_tokens: 4, estimated: false } };
    // a run that really died: the bill stays, and a second lost bill or the later run changes nothing of it
    const died = lost({ request_id: `req-${randomUUID()}` });
    const diedRerun = { ...died, status: "CALL_STATUS_OK" as const, error_code: "", cost_nanousd: 650, execution: 2,
      usage: { input_tokens: 10, output_tokens: 3, estimated: false } };
    expect((await client.reserve({ reservation_id: died.call_id!, key_id: key.key_id, amount_nanousd: 5_000 })).ok).toBe(true);

    expect(await client.recordCalls([outlived, died])).toEqual({ inserted: 2 });
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(100_000 - 10_000);
    expect(await client.recordCalls([outlivedOwn, diedRerun, died])).toEqual({ inserted: 2 });
    // the replaced row keeps its key; a lost bill arriving after the run's own record changes nothing
    expect(await client.recordCalls([outlived, outlivedOwn])).toEqual({ inserted: 0 });

    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(100_000 - (700 + 5_000 + 650));
    const spend = await client.getSpend({ tenant_id: tenant });
    expect(spend.total_cost_nanousd).toBe(700 + 5_000 + 650);
    expect(spend.rows.reduce((sum, r) => sum + Number(r.calls), 0)).toBe(3);
    expect(spend.rows.reduce((sum, r) => sum + Number(r.output_tokens), 0)).toBe(4 + 512 + 3);
    const callsOf = async (requestId: string) => (await client.getRequest({ tenant_id: tenant, request_id: requestId })).calls
      .map((c) => [c.execution, c.status, Number(c.cost_nanousd), c.usage?.estimated, c.error_code]);
    expect(await callsOf(outlived.request_id!)).toEqual([[1, "CALL_STATUS_OK", 700, false, ""]]);
    expect(await callsOf(died.request_id!)).toEqual([[1, "CALL_STATUS_LOST", 5_000, true, "executor_lost"], [2, "CALL_STATUS_OK", 650, false, ""]]);
  });
  it("records batches in one go: duplicates in and across batches count once, reservations settle, rollups add up", async () => {
    const { tenant, apiKey, key } = await newKey({ total: 100_000 });
    const reserved = callRecord(tenant, key.key_id, { cost_nanousd: 700 });
    expect((await client.reserve({ reservation_id: reserved.call_id!, key_id: key.key_id, amount_nanousd: 5_000 })).ok).toBe(true);
    const others = Array.from({ length: 40 }, (_, i) => callRecord(tenant, key.key_id, {
      cost_nanousd: 10 + i, model_id: i % 2 === 0 ? "model-a" : "model-b", created_unix_ms: i < 30 ? clock.ms : clock.ms - DAY_MS,
    }));
    expect(await client.recordCalls([reserved, ...others, reserved, others[3]!])).toEqual({ inserted: 41 });
    expect(await client.recordCalls([...others.slice(0, 5), callRecord(tenant, key.key_id, { cost_nanousd: 1 })])).toEqual({ inserted: 1 });
    const expected = 700 + others.reduce((sum, c) => sum + Number(c.cost_nanousd), 0) + 1;
    // the reservation is gone, only the recorded spend counts
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(100_000 - expected);
    const spend = await client.getSpend({ tenant_id: tenant });
    expect(spend.total_cost_nanousd).toBe(expected);
    expect(spend.rows.reduce((sum, r) => sum + Number(r.calls), 0)).toBe(42);
    expect(spend.rows.reduce((sum, r) => sum + Number(r.input_tokens), 0)).toBe(42 * 10);
    expect(spend.rows.map((r) => [r.day, r.model_id]).sort()).toEqual([
      ["2025-06-14", "model-a"], ["2025-06-14", "model-b"], ["2025-06-15", "model-a"], ["2025-06-15", "model-b"],
    ]);

    const request = (i: number) => ({
      request_id: `req-${i}-${tenant}`, tenant_id: tenant, key_id: key.key_id, status: i % 3 === 0 ? "error" : "ok", created_unix_ms: clock.ms,
    });
    expect(await client.recordRequests([request(0), request(1), request(2), request(1)])).toEqual({ inserted: 3 });
    expect(await client.recordRequests([request(2), request(3)])).toEqual({ inserted: 1 });
    expect((await client.getSpend({ tenant_id: tenant })).requests).toBe(4);

    // one bad record refuses the whole batch, naming it
    const bad = await grpcCode(client.recordCalls([callRecord(tenant, key.key_id), callRecord(tenant, "", {})]));
    expect(bad.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(bad.details).toContain("calls[1].key_id");
    expect((await client.getSpend({ tenant_id: tenant })).total_cost_nanousd).toBe(expected);
  });

  it("reports spend by day and model, per key and date range, with request counts", async () => {
    const { tenant, apiKey, key } = await newKey({ total: 100_000, daily: 1_000 });
    const other = await client.createKey({ tenant_id: tenant, name: "second" });
    const yesterday = clock.ms - DAY_MS;
    await client.recordCall(callRecord(tenant, key.key_id, { cost_nanousd: 300, created_unix_ms: yesterday }));
    await client.recordCall(callRecord(tenant, key.key_id, { cost_nanousd: 100 }));
    await client.recordCall(callRecord(tenant, key.key_id, { cost_nanousd: 50, model_id: "model-b" }));
    await client.recordCall(callRecord(tenant, other.key!.key_id, { cost_nanousd: 5 }));
    const request = { request_id: `req-${randomUUID()}`, tenant_id: tenant, key_id: key.key_id, status: "ok", created_unix_ms: clock.ms };
    expect(await client.recordRequest(request)).toEqual({ inserted: true });
    expect(await client.recordRequest(request)).toEqual({ inserted: false });

    // Yesterday counts for the total but not the daily window: min(1000 - 150, 100000 - 450).
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(850);

    const all = await client.getSpend({ tenant_id: tenant });
    expect(all.rows.map((r) => [r.day, r.model_id, r.calls, r.cost_nanousd])).toEqual([
      ["2025-06-14", "model-a", 1, 300],
      ["2025-06-15", "model-a", 2, 105],
      ["2025-06-15", "model-b", 1, 50],
    ]);
    expect(all.total_cost_nanousd).toBe(455);
    expect(all.requests).toBe(1);

    const oneKeyToday = await client.getSpend({ tenant_id: tenant, key_id: key.key_id, from_day: "2025-06-15", to_day: "2025-06-15" });
    expect(oneKeyToday.total_cost_nanousd).toBe(150);
    expect(oneKeyToday.rows).toHaveLength(2);
    expect((await client.getSpend({ tenant_id: tenant, key_id: other.key!.key_id })).requests).toBe(0);

    expect((await grpcCode(client.getSpend({ tenant_id: "" }))).code).toBe(grpc.status.INVALID_ARGUMENT);
    expect((await grpcCode(client.getSpend({ tenant_id: tenant, from_day: "15/06/2025" }))).code)
      .toBe(grpc.status.INVALID_ARGUMENT);
  });

  it("settles once at the real amount and releases without spending", async () => {
    const { tenant, apiKey, key } = await newKey({ monthly: 5_000 });
    expect((await client.reserve({ reservation_id: "settle-me", key_id: key.key_id, model_id: "router", amount_nanousd: 1_000 })).ok).toBe(true);
    expect((await client.reserve({ reservation_id: "release-me", key_id: key.key_id, amount_nanousd: 3_000 })).ok).toBe(true);
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(1_000);

    await client.settle("settle-me", 400);
    await client.settle("settle-me", 400);
    await client.release("release-me");
    await client.release("release-me");
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(4_600);
    const spend = await client.getSpend({ tenant_id: tenant });
    expect(spend.rows).toEqual([{
      day: "2025-06-15", model_id: "router", key_id: "", calls: 0, input_tokens: 0, output_tokens: 0, cached_input_tokens: 0,
      cost_nanousd: 400, counterfactual_cost_nanousd: 0,
    }]);
    const denied = await client.reserve({ reservation_id: "too-much", key_id: key.key_id, amount_nanousd: 4_601 });
    expect(denied.ok).toBe(false);
    expect(denied.denied_reason).toContain("monthly budget");
    expect(denied.remaining_budget_nanousd).toBe(4_600);
  });

  it("lowers a finished call's hold to its cost, never raises one, and leaves a settled one alone", async () => {
    const { apiKey, key } = await newKey({ total: 5_000 });
    const id = `shrink-${randomUUID()}`;
    expect((await client.reserve({ reservation_id: id, key_id: key.key_id, amount_nanousd: 4_000 })).ok).toBe(true);
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(1_000);
    await client.shrinkReservation(id, 300);
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(4_700);
    await client.shrinkReservation(id, 2_000);
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(4_700);
    // the record settles the hold at the real cost; a late shrink changes nothing
    await client.recordCall({ call_id: id, request_id: "r", tenant_id: key.tenant_id, key_id: key.key_id, model_id: "m", cost_nanousd: 300 });
    await client.shrinkReservation(id, 0);
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(4_700);
    expect((await grpcCode(client.shrinkReservation(id, -1))).code).toBe(grpc.status.INVALID_ARGUMENT);
  });

  it("grants budget leases from what a key has left, draws them down by their records, and takes unused parts back", async () => {
    const { tenant, apiKey, key } = await newKey({ total: 10_000 });
    const remaining = async () => (await client.authenticate(apiKey)).remaining_budget_nanousd;
    const lease = `lease-${randomUUID()}`;
    // a quarter of what is left, though more was wanted
    expect(await client.grantBudgetLease({ lease_id: lease, key_id: key.key_id, want_nanousd: 8_000, need_nanousd: 100 }))
      .toMatchObject({ ok: true, granted_nanousd: 2_500, remaining_budget_nanousd: 7_500 });
    expect(await remaining()).toBe(7_500);
    expect((await grpcCode(client.grantBudgetLease({ lease_id: lease, key_id: key.key_id, want_nanousd: 100, need_nanousd: 100 }))).code)
      .toBe(grpc.status.INVALID_ARGUMENT);

    // two calls of the lease recorded (one sent twice): their cost is spend now, and the lease holds that much less
    const first = callRecord(tenant, key.key_id, { cost_nanousd: 300, budget_lease_id: lease });
    await client.recordCalls([first, callRecord(tenant, key.key_id, { cost_nanousd: 200, budget_lease_id: lease })]);
    await client.recordCall(first);
    expect(await remaining()).toBe(7_500);
    expect((await client.getSpend({ tenant_id: tenant })).total_cost_nanousd).toBe(500);

    // the gateway gives back what no call of the lease will use
    await client.returnBudgetLease(lease, 1_500);
    expect(await remaining()).toBe(9_000);
    // the rest of the lease (500) is retired with the next grant, which then sees 9,500 left
    const next = `lease-${randomUUID()}`;
    expect(await client.grantBudgetLease({
      lease_id: next, key_id: key.key_id, want_nanousd: 100_000, need_nanousd: 100, retire_lease_id: lease, retire_unused_nanousd: 500,
    })).toMatchObject({ ok: true, granted_nanousd: 2_375, remaining_budget_nanousd: 7_125 });

    // a lease is never less than the call that asks for it, and never more than is left
    await client.returnBudgetLease(next, 2_375);
    await client.recordCall(callRecord(tenant, key.key_id, { cost_nanousd: 9_000 }));
    expect(await client.grantBudgetLease({ lease_id: `lease-${randomUUID()}`, key_id: key.key_id, want_nanousd: 5_000, need_nanousd: 400 }))
      .toMatchObject({ ok: true, granted_nanousd: 400, remaining_budget_nanousd: 100 });
    const refused = await client.grantBudgetLease({ lease_id: `lease-${randomUUID()}`, key_id: key.key_id, want_nanousd: 5_000, need_nanousd: 101 });
    expect(refused).toMatchObject({ ok: false, granted_nanousd: 0, remaining_budget_nanousd: 100 });
    expect(refused.denied_reason).toContain("total budget exceeded");
  });

  it("ignores reservations older than 15 minutes in budget math", async () => {
    const { apiKey, key } = await newKey({ total: 1_000 });
    expect((await client.reserve({ reservation_id: `stale-${randomUUID()}`, key_id: key.key_id, amount_nanousd: 900 })).ok).toBe(true);
    expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(100);
    clock.ms += 16 * 60 * 1000;
    try {
      expect((await client.authenticate(apiKey)).remaining_budget_nanousd).toBe(1_000);
      expect((await client.reserve({ reservation_id: `fresh-${randomUUID()}`, key_id: key.key_id, amount_nanousd: 1_000 })).ok).toBe(true);
    } finally {
      clock.ms = NOON;
    }
  });
});

describe("ledger deployment", () => {
  it("applies migrations once when two ledgers start together on one database", async () => {
    const db = await createTestDatabase("ledgermig");
    const config = { ...baseConfig, databaseUrl: db.url };
    const [a, b] = await Promise.all([startLedger(config, { logger: silent }), startLedger(config, { logger: silent })]);
    try {
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      const { rows } = await admin.query("SELECT version FROM schema_migrations");
      await admin.end();
      expect(rows.map((r) => r.version).sort()).toEqual(["0001_init.sql", "0002_limits_reports_retention.sql", "0003_call_executions.sql"]);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await db.drop();
    }
  });

  it("holds one key's budget across two ledgers that each decide their waiting Reserves together", async () => {
    // each ledger decides a key's queued Reserves in one transaction; the key's row lock still
    // orders the two ledgers' transactions, so together they grant exactly what the budget holds
    const db = await createTestDatabase("ledgerpair");
    const config = { ...baseConfig, databaseUrl: db.url };
    const [a, b] = await Promise.all([startLedger(config, { logger: silent }), startLedger(config, { logger: silent })]);
    const clients = [new LedgerClient(a.address, 15_000), new LedgerClient(b.address, 15_000)];
    try {
      const created = await clients[0]!.createKey({ tenant_id: `pair-${randomUUID()}`, name: "k", budget_total_nanousd: 25 * 1_000 });
      const ids = Array.from({ length: 60 }, (_, i) => `pair-${i}-${randomUUID()}`);
      // every id is asked twice at once, once of each ledger: a retried Reserve holds once
      const answers = await Promise.all([...ids, ...ids].map((id, i) =>
        clients[i % 2]!.reserve({ reservation_id: id, key_id: created.key!.key_id, amount_nanousd: 1_000 })));
      const grantedIds = new Set(answers.flatMap((answer, i) => (answer.ok ? [[...ids, ...ids][i]!] : [])));
      expect(grantedIds.size).toBe(25);
      // an id granted by one ledger is granted by the other too, never denied and never held twice
      for (const id of grantedIds) expect(answers.filter((x, i) => [...ids, ...ids][i] === id).every((x) => x.ok)).toBe(true);
      expect((await clients[1]!.authenticate(created.api_key)).remaining_budget_nanousd).toBe(0);
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      const { rows } = await admin.query("SELECT count(*)::int AS holds, sum(amount_nanousd)::bigint AS held FROM reservations");
      await admin.end();
      expect(rows[0]).toEqual({ holds: 25, held: "25000" });
    } finally {
      for (const c of clients) c.close();
      await Promise.all([a.stop(), b.stop()]);
      await db.drop();
    }
  });

  it("runs as a child process, serves health and keys, and stops on SIGTERM", async () => {
    const db = await createTestDatabase("ledgerproc");
    const service = await startService("ledger", { XROUTER_LEDGER_PORT: "0", DATABASE_URL: db.url });
    const client = new LedgerClient(`127.0.0.1:${service.port}`);
    try {
      expect(await checkHealth(`127.0.0.1:${service.port}`, 2000, "xrouter.ledger.v1.LedgerService")).toBe(true);
      const created = await client.createKey({ tenant_id: "proc-tenant", name: "k", budget_total_nanousd: 5 });
      const auth = await client.authenticate(created.api_key);
      expect(auth.ok).toBe(true);
      expect(auth.remaining_budget_nanousd).toBe(5);
      expect(service.logs.join("\n")).not.toContain(created.api_key);
    } finally {
      client.close();
      expect(await service.kill("SIGTERM")).toBe(0);
      await db.drop();
    }
  });
});
