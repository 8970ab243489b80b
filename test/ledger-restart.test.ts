// The ledger is killed (SIGKILL) and started again in the middle of steady load. Call and request
// records wait in the records stream (JetStream) while it is down, and a batch the ledger took but
// had not acked comes back. Afterwards every request that completed is in the ledger exactly once,
// with exactly one call, and the spend roll-up counts each call once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryDatabase } from "./support/isolation.js";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem("ledgerrestart", {
    executors: 1,
    env: {
      // authentication stays cached through the outage, so load keeps flowing
      XROUTER_AUTH_CACHE_MS: "120000",
      XROUTER_EXECUTOR_LEDGER_RETRY_MS: "500",
      XROUTER_MAX_DELIVER: "100",
    },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const query = <T = Record<string, unknown>>(sql: string, params: unknown[] = []) => queryDatabase<T>(system.db.url, sql, params);

describe("a ledger restart under load", () => {
  it("loses no completed request and records none twice", async () => {
    const completed: string[] = [];
    const failed: number[] = [];
    let stop = false;
    const worker = async (w: number) => {
      for (let i = 0; !stop; i += 1) {
        const response = await fetch(`${system.baseUrl}/chat/completions`, {
          method: "POST",
          headers: { "content-type": "application/json", authorization: `Bearer ${system.apiKey}` },
          body: JSON.stringify({ model: "gpt-5-nano", max_tokens: 16, messages: [{ role: "user", content: `load ${w}.${i}` }] }),
        });
        const body = await response.json() as { id?: string };
        if (response.status === 200) completed.push(body.id!);
        else failed.push(response.status);
      }
    };
    const workers = Array.from({ length: 10 }, (_, w) => worker(w));
    await new Promise((r) => setTimeout(r, 1500));
    const beforeRestart = completed.length;
    await system.restartLedger("SIGKILL");
    await new Promise((r) => setTimeout(r, 2500));
    stop = true;
    await Promise.all(workers);
    expect(beforeRestart).toBeGreaterThan(0);
    expect(completed.length).toBeGreaterThan(beforeRestart);

    // The stream may still be delivering: wait until the ledger has every request and every call.
    for (const table of ["request_records", "call_records"]) {
      let recorded = 0;
      for (let i = 0; i < 150 && recorded < completed.length; i += 1) {
        recorded = Number((await query<{ n: string }>(`SELECT COUNT(DISTINCT request_id) AS n FROM ${table} WHERE request_id = ANY($1)`, [completed]))[0]!.n);
        if (recorded < completed.length) await new Promise((r) => setTimeout(r, 200));
      }
    }
    const requests = await query<{ request_id: string; n: string }>(
      "SELECT request_id, COUNT(*) AS n FROM request_records WHERE request_id = ANY($1) GROUP BY request_id", [completed]);
    expect(requests).toHaveLength(completed.length);
    const calls = await query<{ request_id: string; n: string; cost: string }>(
      "SELECT request_id, COUNT(*) AS n, SUM(cost_nanousd) AS cost FROM call_records WHERE request_id = ANY($1) GROUP BY request_id", [completed]);
    expect(calls).toHaveLength(completed.length);
    expect(calls.every((c) => c.n === "1")).toBe(true);
    const [rollup] = await query<{ calls: string; cost: string }>(
      "SELECT SUM(calls) AS calls, SUM(cost_nanousd) AS cost FROM spend_daily WHERE tenant_id = $1", [`tenant-${system.prefix}`]);
    const [raw] = await query<{ calls: string; cost: string }>(
      "SELECT COUNT(*) AS calls, SUM(cost_nanousd) AS cost FROM call_records WHERE tenant_id = $1", [`tenant-${system.prefix}`]);
    expect(rollup).toEqual(raw);
    console.info(`[ledger restart] ${completed.length} requests completed (${beforeRestart} before the kill), `
      + `${failed.length} failed (${[...new Set(failed)].join(",") || "none"}); all recorded exactly once`);
  }, 120_000);
});
