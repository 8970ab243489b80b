// An executor killed with SIGKILL while requests run loses no request (JetStream redelivers the
// calls it held), answers none twice, and bills every run the provider saw: each call once as
// answered, and each run the killed executor had sent as lost, at the worst case.
import OpenAI from "openai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { queryUntil } from "./support/isolation.js";
import { metricsPort, sample, scrape } from "./support/metrics.js";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem("crash", { executors: 2, env: { XROUTER_ACK_WAIT_MS: "1500", XROUTER_EXECUTOR_CONCURRENCY: "8", XROUTER_METRICS_PORT: "0" } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

it("answers every request, records each answer once and bills each killed run as lost when an executor is killed mid-call", async () => {
  system.fake.setBehaviour({ latencyMs: 400 });
  const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0, timeout: 60_000 });
  const requests = Array.from({ length: 30 }, (_, i) =>
    client.chat.completions.create({ model: "router", messages: [{ role: "user", content: `question ${i}` }] }));
  // 8 calls in flight per executor, 400 ms each: once 16 reached the provider both hold calls
  const deadline = Date.now() + 20_000;
  while (system.fake.requests.length < 16 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
  const victim = system.executors[0]!;
  expect(victim.child.kill("SIGKILL")).toBe(true);
  await victim.exited;

  const answers = await Promise.all(requests);
  expect(answers).toHaveLength(30);
  for (const [i, answer] of answers.entries()) {
    expect(answer.choices[0]!.message.content).toContain(`question ${i}`);
  }

  const calls = await queryUntil<{ request_id: string; ok: number; lost: number }>(system.db.url,
    `select request_id, count(*) filter (where status = 'CALL_STATUS_OK')::int as ok,
       count(*) filter (where status = 'CALL_STATUS_LOST')::int as lost from call_records group by request_id`,
    [], (rows) => rows.length >= 30 && rows.every((row) => row.ok === 1));
  expect(calls).toHaveLength(30);
  expect(calls.every((row) => row.ok === 1 && row.lost <= 1)).toBe(true);
  // the killed executor had calls in flight: the provider saw each of them twice, and the ledger
  // has every run it saw, the killed ones as lost
  const reruns = system.fake.requests.length - 30;
  expect(reruns).toBeGreaterThan(0);
  const lost = calls.reduce((sum, row) => sum + row.lost, 0);
  expect(lost).toBe(reruns);
  // and the survivor, which billed them, counts them for the operator
  const survivor = await scrape(`http://127.0.0.1:${metricsPort(system.executors[1]!)}/metrics`);
  expect(sample(survivor, "xrouter_lost_runs_total")).toBe(lost);
}, 90_000);
