// Horizontal scaling: 1, then 2, then 4 executor processes on one JetStream work queue. Every call
// is done exactly once (one provider request, one result, one ledger row) and the work spreads
// over every executor running, read from the ledger's executor_id column.
import { afterAll, beforeAll, expect, it } from "vitest";
import { busNames, CallStatus, createNatsBus, newCallId, type CallBus, type ProviderResult__Output } from "../services/common/src/index.js";
import { startFakeOpenAI, type FakeOpenAI } from "./support/fake-openai.js";
import { createTestDatabase, natsUrl, queryUntil, uniquePrefix, type TestDatabase } from "./support/isolation.js";
import { startService, type ServiceProcess } from "./support/processes.js";

let db: TestDatabase;
let ledger: ServiceProcess;
let fake: FakeOpenAI;
let client: CallBus;
let prefix: string;
const executors: ServiceProcess[] = [];
const results: ProviderResult__Output[] = [];

beforeAll(async () => {
  db = await createTestDatabase("scaling");
  prefix = uniquePrefix("scaling");
  // the executors' call records reach the ledger over the records stream under the same prefix
  [ledger, fake] = await Promise.all([
    startService("ledger", { XROUTER_LEDGER_PORT: "0", DATABASE_URL: db.url, NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: prefix }), startFakeOpenAI(),
  ]);
  fake.setBehaviour({ latencyMs: 60, content: "ok", usage: { prompt: 10, completion: 2 } });
  client = await createNatsBus({ url: natsUrl(), prefix, name: "gateway-scaling" });
  client.subscribeEvents(busNames(prefix).replySubject("gw"), (e) => { if (e.result) results.push(e.result); });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await Promise.all([...executors, ledger].map((p) => p?.kill()));
  await fake?.close();
  await db?.drop();
});

const startExecutors = (ids: string[]) => Promise.all(ids.map(async (id) => {
  const executor = await startService("executor", {
    NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: prefix, XROUTER_EXECUTOR_ID: id,
    // two calls at a time each, so a burst has to spread to be done quickly
    XROUTER_EXECUTOR_CONCURRENCY: "2", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url, XROUTER_SIMULATE_MISSING_PROVIDERS: "false",
  }, { label: id });
  executors.push(executor);
}));

async function burst(phase: string, count: number) {
  const ids = Array.from({ length: count }, () => newCallId());
  await Promise.all(ids.map((callId, i) => client.publishCall({
    call_id: callId, request_id: phase, tenant_id: `tenant_${prefix}`, key_id: "key_scaling", model_id: "gpt-4o-mini",
    provider: "openai", upstream_model: "gpt-4o-mini", messages: [{ role: "user", content: `${phase} call ${i} ${callId}` }],
    params: { max_tokens: 16 }, reply_subject: busNames(prefix).replySubject("gw"), deadline_unix_ms: Date.now() + 30_000,
    price: { input_nanousd_per_token: 150, cached_input_nanousd_per_token: 75, output_nanousd_per_token: 600, cache_write_nanousd_per_token: 150 },
  })));
  await expect.poll(() => results.filter((r) => r.request_id === phase).length, { timeout: 20_000, interval: 20 }).toBe(count);
  // the result is published first and the call recorded right after: wait for every row
  const rows = await queryUntil<{ call_id: string; executor_id: string }>(db.url,
    "select call_id, executor_id from call_records where request_id = $1", [phase], (r) => r.length >= count);
  return { ids, rows };
}

it.each([
  { executorsRunning: 1, calls: 12, start: ["executor-1"] },
  { executorsRunning: 2, calls: 24, start: ["executor-2"] },
  { executorsRunning: 4, calls: 48, start: ["executor-3", "executor-4"] },
])("with $executorsRunning executor(s): $calls calls, each done once, spread over all", async ({ executorsRunning, calls, start }) => {
  await startExecutors(start);
  const phase = `scale-${executorsRunning}-${prefix}`;
  const { ids, rows } = await burst(phase, calls);
  const answered = results.filter((r) => r.request_id === phase);
  expect(answered.map((r) => r.call_id).sort()).toEqual([...ids].sort());
  expect(answered.every((r) => r.status === CallStatus.CALL_STATUS_OK && r.attempts === 1)).toBe(true);
  expect(rows.map((r) => r.call_id).sort()).toEqual([...ids].sort());
  expect(fake.requests.filter((r) => String(r.body?.messages?.[0]?.content).startsWith(`${phase} `))).toHaveLength(calls);
  const perExecutor = new Map<string, number>();
  for (const row of rows) perExecutor.set(row.executor_id, (perExecutor.get(row.executor_id) ?? 0) + 1);
  expect([...perExecutor.keys()].sort()).toEqual(executors.map((e) => e.name).sort());
  expect(Math.min(...perExecutor.values())).toBeGreaterThan(0);
}, 60_000);
