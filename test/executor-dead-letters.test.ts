// Dead letters on NATS: a call that exhausts its deliveries is kept in the `<PREFIX>_DEAD` stream
// with a header saying why, and its caller still gets a final result. Two ways there: the call
// cannot be recorded (the records stream to the ledger is gone) through the last delivery, or the
// executor holding the last delivery dies.
import { jetstreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import {
  busNames, CallStatus, createNatsBus, newCallId, providerCallCodec, type CallBus, type ProviderCall, type ProviderResult__Output,
} from "../services/common/src/index.js";
import { DEAD_REASON_HEADER, deadLetterStreamName } from "../services/executor/src/adapters/nats-dead-letters.js";
import { startFakeOpenAI, type FakeOpenAI } from "./support/fake-openai.js";
import { natsUrl, uniquePrefix } from "./support/isolation.js";
import { startService, type ServiceProcess } from "./support/processes.js";

let fake: FakeOpenAI;
let nc: NatsConnection;
const closers: Array<() => Promise<unknown>> = [];

beforeAll(async () => {
  fake = await startFakeOpenAI();
  nc = await connect({ servers: natsUrl() });
});
afterEach(async () => { for (const close of closers.splice(0).reverse()) await close().catch(() => undefined); });
afterAll(async () => { await nc?.close(); await fake?.close(); });

async function harness(label: string) {
  const prefix = uniquePrefix(label);
  const client: CallBus = await createNatsBus({ url: natsUrl(), prefix, name: `gateway-${label}` });
  closers.push(() => client.close());
  const results: ProviderResult__Output[] = [];
  client.subscribeEvents(busNames(prefix).replySubject("gw"), (e) => { if (e.result) results.push(e.result); });
  const call = (content: string): ProviderCall => ({
    call_id: newCallId(), request_id: "req_dead", tenant_id: "tenant_dead", key_id: "key_dead", model_id: "gpt-4o-mini",
    provider: "openai", upstream_model: "gpt-4o-mini", messages: [{ role: "user", content }], params: { max_tokens: 16 },
    price: { input_nanousd_per_token: 150, cached_input_nanousd_per_token: 75, output_nanousd_per_token: 600, cache_write_nanousd_per_token: 150 },
    reply_subject: busNames(prefix).replySubject("gw"), deadline_unix_ms: Date.now() + 30_000,
  });
  const executor = async (id: string, env: Record<string, string>) => {
    const p = await startService("executor", {
      NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: prefix, XROUTER_EXECUTOR_ID: id, OPENAI_API_KEY: "sk-test",
      OPENAI_BASE_URL: fake.url, XROUTER_SIMULATE_MISSING_PROVIDERS: "false", ...env,
    }, { label: id });
    closers.push(() => p.kill("SIGKILL"));
    return p;
  };
  const deadLetter = async () => {
    const jsm = await jetstreamManager(nc);
    const stored = await jsm.streams.getMessage(deadLetterStreamName(prefix), { last_by_subj: busNames(prefix).deadLetterSubject }).catch(() => null);
    return stored ? { call: providerCallCodec.decode(stored.data), reason: stored.header.get(DEAD_REASON_HEADER) } : undefined;
  };
  const pendingCalls = async () => (await (await jetstreamManager(nc)).streams.info(busNames(prefix).stream)).state.messages;
  return { prefix, client, results, call, executor, deadLetter, pendingCalls };
}

it("answers and dead-letters a call that could not be recorded through its last delivery", async () => {
  const h = await harness("deadledger");
  await h.executor("executor-no-ledger", { XROUTER_MAX_DELIVER: "2", XROUTER_EXECUTOR_LEDGER_RETRY_MS: "50" });
  // without the records stream every record the executor publishes is refused (no responders)
  await (await jetstreamManager(nc)).streams.delete(busNames(h.prefix).recordsStream);
  fake.setBehaviour({ content: "answered anyway" });
  const call = h.call(`no ledger ${h.prefix}`);
  await h.client.publishCall(call);
  await expect.poll(() => h.results.length, { timeout: 15_000 }).toBe(1);
  expect(h.results[0]).toMatchObject({ call_id: call.call_id, status: CallStatus.CALL_STATUS_OK, content: "answered anyway" });
  await expect.poll(h.deadLetter, { timeout: 5_000 }).toMatchObject({ call: { call_id: call.call_id }, reason: "ledger_unreachable" });
  // the redelivery replayed the stored result: the provider was asked once
  expect(fake.requests.filter((r) => r.body?.messages?.[0]?.content === call.messages![0]!.content)).toHaveLength(1);
}, 30_000);

it("dead-letters a call whose executor died during its last delivery, and answers its caller", async () => {
  const h = await harness("deadcrash");
  const env = { XROUTER_MAX_DELIVER: "1", XROUTER_ACK_WAIT_MS: "1000" };
  const marker = `dies mid-call ${h.prefix}`;
  fake.setBehaviour((req) => (String(req.body?.messages?.[0]?.content) === marker ? { hang: true } : undefined));
  const doomed = await h.executor("executor-doomed", env);
  const call = h.call(marker);
  await h.client.publishCall(call);
  await expect.poll(() => fake.requests.filter((r) => r.body?.messages?.[0]?.content === marker).length, { timeout: 10_000 }).toBe(1);
  await h.executor("executor-watcher", env);
  await doomed.kill("SIGKILL");
  await expect.poll(() => h.results.length, { timeout: 15_000 }).toBe(1);
  expect(h.results[0]).toMatchObject({
    call_id: call.call_id, status: CallStatus.CALL_STATUS_UNAVAILABLE, error: { code: "dead_lettered", retryable: true },
  });
  expect(await h.deadLetter()).toMatchObject({ call: { call_id: call.call_id }, reason: "max_deliveries" });
  expect(await h.pendingCalls()).toBe(0);
}, 40_000);
