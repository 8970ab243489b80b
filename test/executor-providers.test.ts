// Each provider wire format (OpenAI, Anthropic's native Messages API, Gemini's OpenAI-compatible
// endpoint) against a fake server, through real NATS JetStream and a real ledger process: the
// retries, the final status and the ledger rows (every billable attempt, nothing twice).
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  busNames, CallStatus, createLogger, createNatsBus, LedgerClient, loadCatalog, newCallId,
  type CallBus, type CallRecord, type ProviderCall, type ProviderResult__Output,
} from "../services/common/src/index.js";
import { LedgerCallRecorder } from "../services/executor/src/adapters/ledger-recorder.js";
import { LedgerUnavailableError } from "../services/executor/src/core/ports.js";
import { startExecutor, type ExecutorHandle } from "../services/executor/src/app.js";
import { loadExecutorConfig } from "../services/executor/src/config.js";
import { createProviderRegistry } from "../services/executor/src/providers/registry.js";
import { startFakeAnthropic, type FakeAnthropic, type FakeAnthropicBehaviour } from "./support/fake-anthropic.js";
import { startFakeOpenAI, type FakeBehaviour, type FakeOpenAI } from "./support/fake-openai.js";
import { createTestDatabase, natsUrl, uniquePrefix, type TestDatabase } from "./support/isolation.js";
import { startService, type ServiceProcess } from "./support/processes.js";

const catalog = loadCatalog("xrouter");
let db: TestDatabase;
let ledger: ServiceProcess;
let ledgerClient: LedgerClient;
let openai: FakeOpenAI;
let anthropic: FakeAnthropic;
let prefix: string;
let executorBus: CallBus;
let client: CallBus;
let executor: ExecutorHandle;
let closeProviders: () => Promise<void>;
const results = new Map<string, ProviderResult__Output>();
/** Calls whose first record the "ledger" refuses, so JetStream really redelivers them. */
const refuseFirstRecord = new Set<string>();

beforeAll(async () => {
  db = await createTestDatabase("providers");
  [ledger, openai, anthropic] = await Promise.all([
    startService("ledger", { XROUTER_LEDGER_PORT: "0", DATABASE_URL: db.url }), startFakeOpenAI(), startFakeAnthropic({ apiKey: "sk-ant-test" }),
  ]);
  prefix = uniquePrefix("providers");
  const config = loadExecutorConfig({
    OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.url, GEMINI_API_KEY: "AIza-test", GEMINI_BASE_URL: openai.url,
    ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: anthropic.url, XROUTER_SIMULATE_MISSING_PROVIDERS: "false",
    XROUTER_EXECUTOR_RETRY_BASE_MS: "20", XROUTER_EXECUTOR_RETRY_MAX_MS: "40", XROUTER_BREAKER_FAILURES: "0",
    XROUTER_EXECUTOR_LEDGER_RETRY_MS: "200",
  });
  executorBus = await createNatsBus({ url: natsUrl(), prefix, name: "executor-providers", ackWaitMs: 10_000 });
  ledgerClient = new LedgerClient(`127.0.0.1:${ledger.port}`);
  const providers = createProviderRegistry(config.providers);
  closeProviders = () => providers.close();
  const ledgerRecorder = new LedgerCallRecorder(ledgerClient);
  const recorder = {
    recordCall: async (record: CallRecord) => {
      if (refuseFirstRecord.delete(record.call_id!)) throw new LedgerUnavailableError("ledger down (test)");
      await ledgerRecorder.recordCall(record);
    },
  };
  executor = await startExecutor({
    bus: executorBus, recorder, providers, logger: createLogger("test", "silent"),
    config: { ...config, concurrency: 8, handler: { ...config.handler, executorId: "executor-providers" } },
  });
  client = await createNatsBus({ url: natsUrl(), prefix, name: "gateway-providers" });
  client.subscribeEvents(busNames(prefix).replySubject("gw"), (e) => { if (e.result) results.set(e.result.call_id, e.result); });
}, 60_000);

afterAll(async () => {
  await executor?.stop();
  await Promise.all([executorBus?.close(), client?.close(), closeProviders?.()]);
  ledgerClient?.close();
  await Promise.all([ledger?.kill(), openai?.close(), anthropic?.close()]);
  await db?.drop();
});

async function rows(callId: string) {
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  try {
    const r = await c.query(`select call_id, status, cost_nanousd::int as cost, usage_estimated as estimated, error_code, attempts,
      input_tokens::int as input, output_tokens::int as output from call_records where call_id like $1 order by call_id`, [`${callId}%`]);
    return r.rows;
  } finally {
    await c.end();
  }
}

interface Wire {
  name: string;
  model: string;
  /** The fake's behaviour for a scenario, in this wire's terms. */
  set(plan: Array<"ok" | "429" | "500" | "hang" | "malformed" | "reset" | "400">): void;
  requestsFor(marker: string): Array<{ closedEarly: boolean }>;
  /** The success answer's usage and its exact price in nano-USD at catalog prices. */
  usage: FakeBehaviour | FakeAnthropicBehaviour;
  expectedCost: number;
}

const openAIPlan = (usage: FakeBehaviour) => (step: string): FakeBehaviour => ({
  ok: usage, "429": { status: 429, retryAfter: "1" }, "500": { status: 500 }, hang: { hang: true },
  malformed: { malformed: true }, reset: { reset: true }, "400": { status: 400, errorMessage: "bad max_tokens" },
}[step] ?? usage);

const lastUserOpenAI = (body: any) => String(body?.messages?.at(-1)?.content ?? "");
const gptUsage: FakeBehaviour = { content: "fine", usage: { prompt: 1000, completion: 500, cached: 200 } };
const geminiUsage: FakeBehaviour = { content: "fine", usage: { prompt: 1000, completion: 300, reasoning: 200, total: 1500, cached: 200 } };
const claudeUsage: FakeAnthropicBehaviour = { content: "fine", usage: { input: 800, cacheRead: 200, cacheWrite: 100, output: 500 } };

const WIRES: Wire[] = [
  {
    name: "OpenAI", model: "gpt-5", usage: gptUsage,
    // 800 x $1.25 + 200 cached x $0.125 + 500 x $10, per 1M tokens
    expectedCost: 800 * 1250 + 200 * 125 + 500 * 10_000,
    set: (plan) => openai.setBehaviour(plan.map(openAIPlan(gptUsage))),
    requestsFor: (marker) => openai.requests.filter((r) => lastUserOpenAI(r.body).includes(marker)),
  },
  {
    name: "Gemini (OpenAI-compatible)", model: "gemini-2.5-flash", usage: geminiUsage,
    // thinking tokens outside completion_tokens are output: 300 + 200 at $2.50; 800 x $0.30 + 200 cached x $0.03
    expectedCost: 800 * 300 + 200 * 30 + 500 * 2500,
    set: (plan) => openai.setBehaviour(plan.map(openAIPlan(geminiUsage))),
    requestsFor: (marker) => openai.requests.filter((r) => lastUserOpenAI(r.body).includes(marker)),
  },
  {
    name: "Anthropic (native)", model: "claude-sonnet-4.5", usage: claudeUsage,
    // 800 x $3 + 200 cache reads x $0.30 + 100 cache writes x $3.75 + 500 x $15, per 1M tokens
    expectedCost: 800 * 3000 + 200 * 300 + 100 * 3750 + 500 * 15_000,
    set: (plan) => anthropic.setBehaviour(plan.map((step): FakeAnthropicBehaviour => ({
      ok: claudeUsage, "429": { status: 429, retryAfter: "1" }, "500": { status: 500 }, hang: { hang: true },
      malformed: { malformed: true }, reset: { reset: true }, "400": { status: 400, errorMessage: "bad max_tokens" },
    }[step] ?? claudeUsage))),
    requestsFor: (marker) => anthropic.requests.filter((r) => JSON.stringify(r.body?.messages ?? "").includes(marker)),
  },
];

/** The call's rows once its own row is there: the answer goes out before the call is recorded. */
async function recordedRows(callId: string) {
  await expect.poll(async () => (await rows(callId)).some((r) => r.call_id === callId), { timeout: 10_000, interval: 20 }).toBe(true);
  return rows(callId);
}

async function run(wire: Wire, deadlineMs = 20_000, options: { refuseFirstRecord?: boolean } = {}) {
  const model = catalog.get(wire.model)!;
  const marker = `${wire.model} ${newCallId()}`;
  const call: ProviderCall = {
    call_id: newCallId(), request_id: "req_providers", tenant_id: `tenant_${prefix}`, key_id: "key_providers",
    model_id: model.id, provider: model.provider, upstream_model: model.upstream_model,
    messages: [{ role: "system", content: "be brief" }, { role: "user", content: `question ${marker}` }],
    params: { max_tokens: 600 }, price: model.price, reply_subject: busNames(prefix).replySubject("gw"),
    deadline_unix_ms: Date.now() + deadlineMs,
  };
  if (options.refuseFirstRecord) refuseFirstRecord.add(call.call_id!);
  const started = Date.now();
  await client.publishCall(call);
  await expect.poll(() => results.get(call.call_id!), { timeout: 20_000, interval: 20 }).toBeDefined();
  const elapsed = Date.now() - started;
  return { call, result: results.get(call.call_id!)!, elapsed, requests: wire.requestsFor(marker), rows: await recordedRows(call.call_id!) };
}

describe.each(WIRES)("$name", (wire) => {
  it("success: one attempt, reported usage, exact cost, one ledger row", async () => {
    wire.set(["ok"]);
    const { call, result, requests, rows } = await run(wire);
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_OK, content: "fine", attempts: 1, cost_nanousd: wire.expectedCost });
    expect(requests).toHaveLength(1);
    expect(rows).toEqual([{ call_id: call.call_id, status: "CALL_STATUS_OK", cost: wire.expectedCost, estimated: false, error_code: "", attempts: 1, input: 1100 - (wire.model === "claude-sonnet-4.5" ? 0 : 100), output: 500 }]);
  });

  it("429 with Retry-After: waits as asked, retries once, bills only the answer", async () => {
    wire.set(["429", "ok"]);
    const { call, result, requests, rows, elapsed } = await run(wire);
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_OK, attempts: 2, cost_nanousd: wire.expectedCost });
    expect(requests).toHaveLength(2);
    expect(elapsed).toBeGreaterThanOrEqual(1000);
    expect(rows.map((r) => r.call_id)).toEqual([call.call_id]);
  });

  it("500 then success: retried, the refused attempt costs nothing", async () => {
    wire.set(["500", "ok"]);
    const { call, result, requests, rows } = await run(wire);
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_OK, attempts: 2 });
    expect(requests).toHaveLength(2);
    expect(rows).toMatchObject([{ call_id: call.call_id, cost: wire.expectedCost }]);
  });

  it("timeout: the request in flight is abandoned at the deadline, closed upstream and billed as an estimate", async () => {
    wire.set(["hang"]);
    const { call, result, requests, rows } = await run(wire, 700);
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_TIMEOUT, attempts: 1, error: { code: "timeout" }, usage: { estimated: true } });
    expect(requests).toHaveLength(1);
    await expect.poll(() => requests[0]!.closedEarly).toBe(true);
    expect(rows).toMatchObject([{ call_id: call.call_id, status: "CALL_STATUS_TIMEOUT", estimated: true, output: 0 }]);
    expect(rows[0].cost).toBeGreaterThan(0);
    expect(rows[0].cost).toBe(result.cost_nanousd);
  });

  it("malformed JSON: retried; the garbled (billed) attempt has its own estimated row", async () => {
    wire.set(["malformed", "ok"]);
    const { call, result, requests, rows } = await run(wire);
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_OK, attempts: 2, cost_nanousd: wire.expectedCost });
    expect(requests).toHaveLength(2);
    expect(rows).toMatchObject([
      { call_id: call.call_id, status: "CALL_STATUS_OK", cost: wire.expectedCost, estimated: false },
      { call_id: `${call.call_id}#1.1`, status: "CALL_STATUS_FAILED", error_code: "provider_bad_response", estimated: true, attempts: 1 },
    ]);
    expect(rows[1].cost).toBeGreaterThan(0);
  });

  it("connection reset: retried; the reset attempt may have been billed and has its own row", async () => {
    wire.set(["reset", "ok"]);
    const { call, result, requests, rows } = await run(wire);
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_OK, attempts: 2 });
    expect(requests).toHaveLength(2);
    expect(rows).toMatchObject([
      { call_id: call.call_id, status: "CALL_STATUS_OK" },
      { call_id: `${call.call_id}#1.1`, error_code: "provider_unreachable", estimated: true },
    ]);
  });

  it("400: terminal at once, FAILED, nothing billed", async () => {
    wire.set(["400", "ok"]);
    const { call, result, requests, rows } = await run(wire);
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_FAILED, attempts: 1, cost_nanousd: 0, error: { code: "provider_bad_request", retryable: false } });
    expect(result.error!.message).toContain("bad max_tokens");
    expect(requests).toHaveLength(1);
    expect(rows).toMatchObject([{ call_id: call.call_id, status: "CALL_STATUS_FAILED", cost: 0 }]);
  });
});

it("a call redelivered after the ledger refused its record is recorded from its stored result: no provider call again, one row", async () => {
  const wire = WIRES[0]!;
  wire.set(["reset", "ok"]);
  const run1 = await run(wire, 20_000, { refuseFirstRecord: true });
  expect(refuseFirstRecord.has(run1.call.call_id!)).toBe(false);
  expect(run1.result.status).toBe(CallStatus.CALL_STATUS_OK);
  // a reset, then the answer: two requests, and the redelivery made none
  expect(run1.requests).toHaveLength(2);
  expect(wire.requestsFor(String(run1.call.messages!.at(-1)!.content).slice("question ".length))).toHaveLength(2);
  expect(run1.rows.filter((r) => r.call_id === run1.call.call_id)).toEqual([
    expect.objectContaining({ status: "CALL_STATUS_OK", cost: wire.expectedCost }),
  ]);
  const spend = await ledgerClient.getSpend({ tenant_id: `tenant_${prefix}` });
  const billed = await rows("");
  expect(spend.total_cost_nanousd).toBe(billed.reduce((sum, r) => sum + r.cost, 0));
});
