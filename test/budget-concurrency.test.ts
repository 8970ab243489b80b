// Hard budgets through the real gateway: 200 parallel requests against a key whose total budget
// covers exactly 20 of them, with the ledger on PostgreSQL and on embedded PGlite. The fake
// provider reports exactly the worst case (the prompt estimate and max_tokens), so every
// reservation settles at its own amount and the budget holds 20 calls, never 21.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { estimateInputTokens, LedgerClient } from "../services/common/src/index.js";
import { metricsPort, sample, scrape } from "./support/metrics.js";
import { startSystem, type RunningSystem } from "./support/system.js";

const MODEL = "gpt-5-nano";                  // 0.05 USD/1M in, 0.40 USD/1M out: 50 and 400 nano-USD per token
const PRICE = { input: 50, output: 400 };
const MAX_TOKENS = 64;
const PROMPT = "Count to three, please.";
const PARALLEL = 200;
const FITS = 20;

describe.each(["postgres", "pglite"] as const)("a key's total budget under 200 parallel requests, ledger on %s", (storage) => {
  let system: RunningSystem;
  let ledger: LedgerClient;

  beforeAll(async () => {
    system = await startSystem(`budget${storage}`, { executors: 1, ledgerStorage: storage, env: { XROUTER_METRICS_PORT: "0" } });
    ledger = new LedgerClient(system.ledgerAddr, 15_000);
  }, 120_000);

  afterAll(async () => {
    ledger?.close();
    await system?.stop();
  });

  it("lets at most 20 through, answers the rest 402 budget_exceeded, and never spends past the budget", async () => {
    const promptTokens = estimateInputTokens([{ role: "user", content: PROMPT }]);
    const worstCase = promptTokens * PRICE.input + MAX_TOKENS * PRICE.output;
    const budget = FITS * worstCase;
    system.fake.setBehaviour({ usage: { prompt: promptTokens, completion: MAX_TOKENS } });
    const tenant = `tenant-budget-${storage}`;
    const created = await ledger.createKey({ tenant_id: tenant, name: "budgeted", budget_total_nanousd: budget });

    const body = JSON.stringify({ model: MODEL, max_tokens: MAX_TOKENS, messages: [{ role: "user", content: PROMPT }] });
    const answers = await Promise.all(Array.from({ length: PARALLEL }, async () => {
      const response = await fetch(`${system.baseUrl}/chat/completions`, {
        method: "POST", body, headers: { "content-type": "application/json", authorization: `Bearer ${created.api_key}` },
      });
      return { status: response.status, body: await response.json() as { error?: { type: string; code: string }; router_metadata?: { total_cost_nanousd: number } } };
    }));

    const ok = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 402);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 402).map((a) => a.status)).toEqual([]);
    expect(ok.length).toBeLessThanOrEqual(FITS);
    expect(ok).toHaveLength(FITS);
    expect(refused).toHaveLength(PARALLEL - FITS);
    for (const r of refused) expect(r.body.error).toMatchObject({ type: "insufficient_quota", code: "budget_exceeded" });
    for (const r of ok) expect(r.body.router_metadata!.total_cost_nanousd).toBe(worstCase);

    // Settled spend: what the ledger holds, not what the gateway says (calls land just after their answers).
    await expect.poll(async () => (await ledger.getSpend({ tenant_id: tenant })).rows[0]?.calls ?? 0, { timeout: 15_000 }).toBe(ok.length);
    const spend = await ledger.getSpend({ tenant_id: tenant, group_by: ["key"] });
    expect(spend.total_cost_nanousd).toBeLessThanOrEqual(budget);
    expect(spend.total_cost_nanousd).toBe(ok.length * worstCase);
    expect(spend.rows[0]!.calls).toBe(ok.length);
    const key = await ledger.getKey({ key_id: created.key!.key_id });
    expect(key.remaining_budget_nanousd).toBe(budget - spend.total_cost_nanousd);
    console.info(`[budget/${storage}] ${ok.length} of ${PARALLEL} succeeded, ${refused.length} got 402; `
      + `settled ${spend.total_cost_nanousd} of ${budget} nano-USD`);

    // Every request, admitted or refused, reaches the ledger's records.
    let requests = 0;
    for (let i = 0; i < 100 && requests < PARALLEL; i += 1) {
      requests = (await ledger.getSpend({ tenant_id: tenant })).requests;
      if (requests < PARALLEL) await new Promise((r) => setTimeout(r, 100));
    }
    expect(requests).toBe(PARALLEL);
  }, 120_000);

  it("draws a budgeted key's calls from one lease, with no ledger call on a request's path, and the records draw the lease down", async () => {
    const promptTokens = estimateInputTokens([{ role: "user", content: PROMPT }]);
    const worstCase = promptTokens * PRICE.input + MAX_TOKENS * PRICE.output;
    const budget = 1_000_000_000;
    const created = await ledger.createKey({ tenant_id: `tenant-lease-${storage}`, budget_total_nanousd: budget });
    system.fake.setBehaviour({ usage: { prompt: promptTokens, completion: 3 } });
    const ledgerMetrics = `http://127.0.0.1:${metricsPort(system.ledger)}/metrics`;
    const handled = async (method: string) =>
      sample(await scrape(ledgerMetrics), "xrouter_grpc_server_handled_total", { method: `/xrouter.ledger.v1.LedgerService/${method}` }) ?? 0;
    const before = { grants: await handled("GrantBudgetLease"), reserves: await handled("Reserve"), shrinks: await handled("ShrinkReservation") };

    const body = JSON.stringify({ model: MODEL, max_tokens: MAX_TOKENS, messages: [{ role: "user", content: PROMPT }] });
    for (let i = 0; i < 10; i += 1) {
      const response = await fetch(`${system.baseUrl}/chat/completions`, {
        method: "POST", body, headers: { "content-type": "application/json", authorization: `Bearer ${created.api_key}` },
      });
      expect(response.status).toBe(200);
    }
    expect(await handled("GrantBudgetLease") - before.grants).toBe(1);
    const gateway = await scrape(system.baseUrl.replace("/v1", "/metrics"));
    expect(sample(gateway, "xrouter_budget_leases_total", { outcome: "granted" })).toBeGreaterThanOrEqual(1);
    expect(await handled("Reserve") - before.reserves).toBe(0);
    expect(await handled("ShrinkReservation") - before.shrinks).toBe(0);

    // once the ten calls are recorded, the ledger holds of the lease exactly what the gateway has not used:
    // the key has its budget less the lease left (32 calls' worst case), whatever the calls cost
    await expect.poll(async () => (await ledger.getSpend({ tenant_id: `tenant-lease-${storage}` })).rows[0]?.calls ?? 0, { timeout: 15_000 }).toBe(10);
    const spent = (await ledger.getSpend({ tenant_id: `tenant-lease-${storage}` })).total_cost_nanousd;
    expect(spent).toBe(10 * (promptTokens * PRICE.input + 3 * PRICE.output));
    expect((await ledger.authenticate(created.api_key)).remaining_budget_nanousd).toBe(budget - 32 * worstCase);
  }, 60_000);

  it("tells the policy the remaining budget, so it routes to a model that fits instead of failing", async () => {
    // 100k nano-USD covers gpt-5-nano's worst case (~26k) but not gpt-5's (~655k)
    const created = await ledger.createKey({
      tenant_id: `tenant-fit-${storage}`, budget_total_nanousd: 100_000, allowed_models: ["gpt-5", MODEL],
    });
    system.fake.setBehaviour({ usage: { prompt: 5, completion: 5 } });
    for (let i = 0; i < 4; i += 1) {
      const response = await fetch(`${system.baseUrl}/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${created.api_key}` },
        body: JSON.stringify({ model: "router:random", max_tokens: MAX_TOKENS, messages: [{ role: "user", content: PROMPT }] }),
      });
      const body = await response.json() as { model: string; router_metadata: { call_history: Array<{ model: string; status: string }> } };
      expect(response.status).toBe(200);
      expect(body.model).toBe(MODEL);
      expect(body.router_metadata.call_history.map((c) => [c.model, c.status])).toEqual([[MODEL, "ok"]]);
    }
  }, 60_000);
});
