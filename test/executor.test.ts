// The executor pool over the real NATS JetStream: calls spread over several executors and each is
// answered exactly once; a call whose executor dies mid-flight is redelivered and finished by
// another executor; both runs are billed in the real ledger, the killed one as lost at the worst case.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  busNames, CallStatus, createLogger, createNatsBus, LedgerClient, newCallId,
  type CallBus, type ProviderCall, type ProviderResult__Output,
} from "../services/common/src/index.js";
import { startExecutor } from "../services/executor/src/app.js";
import type { CallRecorder } from "../services/executor/src/core/ports.js";
import { loadExecutorConfig } from "../services/executor/src/config.js";
import { createProviderRegistry } from "../services/executor/src/providers/registry.js";
import { FakeRecorder, GatedRecorder } from "../services/executor/src/test-fakes.js";
import { startFakeOpenAI, type FakeOpenAI } from "./support/fake-openai.js";
import { createTestDatabase, natsUrl, uniquePrefix, type TestDatabase } from "./support/isolation.js";
import { startService, type ServiceProcess } from "./support/processes.js";

const silent = createLogger("executor-test", "silent");

function providerCall(prefix: string, replyTo: string, overrides: Partial<ProviderCall> = {}): ProviderCall {
  return {
    call_id: newCallId(), request_id: "req_pool", tenant_id: "tenant_pool", key_id: "key_pool",
    model_id: "openai/gpt-4o-mini", provider: "openai", upstream_model: "gpt-4o-mini",
    messages: [{ role: "user", content: `question for ${prefix}` }],
    params: { max_tokens: 64 },
    price: { input_nanousd_per_token: 150, cached_input_nanousd_per_token: 75, output_nanousd_per_token: 600, cache_write_nanousd_per_token: 150 },
    reply_subject: busNames(prefix).replySubject(replyTo), deadline_unix_ms: Date.now() + 30_000,
    ...overrides,
  };
}

function collect(bus: CallBus, subject: string) {
  const results: ProviderResult__Output[] = [];
  const sub = bus.subscribeEvents(subject, (event) => { if (event.result) results.push(event.result); });
  return { results, stop: () => sub.unsubscribe() };
}

const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("executor pool on NATS JetStream", () => {
  let fake: FakeOpenAI;
  const closers: Array<() => Promise<unknown>> = [];
  beforeAll(async () => { fake = await startFakeOpenAI(); });
  afterEach(async () => {
    for (const close of closers.splice(0).reverse()) await close().catch(() => undefined);
  });
  afterAll(async () => { await fake.close(); });

  /** An executor in this process on the real NATS bus, calling the fake provider; closed after the test. */
  async function startPoolExecutor(prefix: string, executorId: string, recorder: CallRecorder, concurrency: number) {
    const config = loadExecutorConfig({ OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url, XROUTER_SIMULATE_MISSING_PROVIDERS: "false" });
    const bus = await createNatsBus({ url: natsUrl(), prefix, name: executorId, ackWaitMs: 10_000 });
    const providers = createProviderRegistry(config.providers);
    const executor = await startExecutor({
      bus, recorder, providers, logger: silent,
      config: { ...config, concurrency, handler: { ...config.handler, executorId } },
    });
    closers.push(async () => { await executor.stop(); await bus.close(); await providers.close(); });
  }

  it("spreads 40 calls over two executors and answers each exactly once", async () => {
    const prefix = uniquePrefix("execpool");
    fake.setBehaviour({ latencyMs: 25 });
    const recorder = new FakeRecorder();
    for (const executorId of ["executor-pool-a", "executor-pool-b"]) await startPoolExecutor(prefix, executorId, recorder, 4);
    const client = await createNatsBus({ url: natsUrl(), prefix, name: "gateway-test" });
    closers.push(() => client.close());
    const inbox = collect(client, busNames(prefix).replySubject("gateway-test"));
    closers.push(async () => inbox.stop());

    const calls = Array.from({ length: 40 }, (_, i) => providerCall(prefix, "gateway-test", { call_id: `call_pool_${prefix}_${i}` }));
    await Promise.all(calls.map((c) => client.publishCall(c)));
    await expect.poll(() => inbox.results.length, { timeout: 20_000, interval: 50 }).toBeGreaterThanOrEqual(40);
    await settle(300);

    expect(inbox.results.map((r) => r.call_id).sort()).toEqual(calls.map((c) => c.call_id!).sort());
    expect(inbox.results.every((r) => r.status === CallStatus.CALL_STATUS_OK && r.cost_nanousd > 0 && !r.simulated)).toBe(true);
    const byExecutor = new Set(inbox.results.map((r) => r.executor_id));
    expect([...byExecutor].sort()).toEqual(["executor-pool-a", "executor-pool-b"]);
    expect(recorder.records.map((r) => r.call_id).sort()).toEqual(calls.map((c) => c.call_id!).sort());
    expect(fake.requests.filter((r) => String(r.body?.messages?.[0]?.content).includes(prefix))).toHaveLength(40);
  });

  it("answers further calls while earlier ones wait only for their records, and acks each once recorded", async () => {
    const prefix = uniquePrefix("execslot");
    fake.setBehaviour({ latencyMs: 0 });
    const recorder = new GatedRecorder();
    await startPoolExecutor(prefix, "executor-slot", recorder, 1);
    const client = await createNatsBus({ url: natsUrl(), prefix, name: "gateway-slot" });
    closers.push(() => client.close());
    const inbox = collect(client, busNames(prefix).replySubject("gateway-slot"));
    closers.push(async () => inbox.stop());

    const calls = Array.from({ length: 5 }, (_, i) => providerCall(prefix, "gateway-slot", { call_id: `call_slot_${prefix}_${i}` }));
    for (const c of calls) await client.publishCall(c);
    // one slot, no record written yet: every call answered all the same
    await expect.poll(() => inbox.results.length, { timeout: 10_000, interval: 50 }).toBe(5);
    expect(recorder.records).toHaveLength(0);
    expect(await client.consumerLag()).toEqual({ pending: 0, ackPending: 5 });
    recorder.open();
    await expect.poll(async () => (await client.consumerLag()).ackPending, { timeout: 10_000, interval: 50 }).toBe(0);
    expect(recorder.records.map((r) => r.call_id).sort()).toEqual(calls.map((c) => c.call_id!).sort());
  });

  it("finishes a call on another executor after its executor is killed mid-call, and bills the killed run as lost", async () => {
    const prefix = uniquePrefix("execkill");
    const db: TestDatabase = await createTestDatabase("execkill");
    closers.push(() => db.drop());
    const ledger: ServiceProcess = await startService("ledger", {
      XROUTER_LEDGER_PORT: "0", DATABASE_URL: db.url, NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: prefix,
    });
    closers.push(() => ledger.kill());
    const marker = `slow call ${prefix}`;
    let attempts = 0;
    // the first attempt hangs until its executor dies; the redelivered one answers at once
    fake.setBehaviour((req) => {
      if (!String(req.body?.messages?.[0]?.content).includes(marker)) return undefined;
      attempts += 1;
      return attempts === 1 ? { hang: true } : { content: "finished after the crash", usage: { prompt: 20, completion: 4 } };
    });
    const env = {
      NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: prefix,
      XROUTER_ACK_WAIT_MS: "1500", OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url, XROUTER_SIMULATE_MISSING_PROVIDERS: "false",
    };
    const doomed = await startService("executor", { ...env, XROUTER_EXECUTOR_ID: "executor-doomed" });
    closers.push(() => doomed.kill("SIGKILL"));

    const client = await createNatsBus({ url: natsUrl(), prefix, name: "gateway-kill-test", ackWaitMs: 1500 });
    closers.push(() => client.close());
    const inbox = collect(client, busNames(prefix).replySubject("gateway-kill-test"));
    closers.push(async () => inbox.stop());
    const call = providerCall(prefix, "gateway-kill-test", { messages: [{ role: "user", content: marker }], tenant_id: `tenant_${prefix}` });
    await client.publishCall(call);

    await expect.poll(() => attempts, { timeout: 10_000 }).toBe(1);
    await doomed.kill("SIGKILL");
    const survivor = await startService("executor", { ...env, XROUTER_EXECUTOR_ID: "executor-survivor" });
    closers.push(() => survivor.kill("SIGTERM"));

    await expect.poll(() => inbox.results.length, { timeout: 15_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    await settle(2_000);
    expect(inbox.results).toHaveLength(1);
    expect(inbox.results[0]).toMatchObject({
      call_id: call.call_id, status: CallStatus.CALL_STATUS_OK, content: "finished after the crash",
      executor_id: "executor-survivor", attempts: 1, cost_nanousd: 20 * 150 + 4 * 600,
    });
    expect(attempts).toBe(2);

    const ledgerClient = new LedgerClient(`127.0.0.1:${ledger.port}`);
    closers.push(async () => ledgerClient.close());
    // the killed run reached the provider: its outcome is unknown, so it is billed at the worst case
    // (the prompt and max_tokens of output), apart from the survivor's run
    const { calls } = await ledgerClient.getRequest({ tenant_id: `tenant_${prefix}`, request_id: "req_pool" });
    expect(calls.map((c) => [c.execution, c.status, c.executor_id, c.usage?.estimated])).toEqual([
      [1, "CALL_STATUS_LOST", "executor-doomed", true], [2, "CALL_STATUS_OK", "executor-survivor", false],
    ]);
    const lostCost = Number(calls[0]!.usage!.input_tokens) * 150 + 64 * 600;
    expect(Number(calls[0]!.cost_nanousd)).toBe(lostCost);
    const spend = await ledgerClient.getSpend({ tenant_id: `tenant_${prefix}` });
    expect(spend.rows.map((r) => r.calls)).toEqual([2]);
    expect(spend.total_cost_nanousd).toBe(20 * 150 + 4 * 600 + lostCost);

    // a graceful stop of the survivor exits cleanly
    expect(await survivor.kill("SIGTERM")).toBe(0);
  });
});
