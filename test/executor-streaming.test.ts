// Streaming through a real executor process over real NATS with a real ledger: deltas reach the
// caller in order before the result, a cancel mid-stream closes the upstream connection and the
// call is recorded CANCELLED at an estimated, non-zero cost; a stream that breaks after its first
// delta is not retried.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  busNames, CallStatus, createNatsBus, loadCatalog, newCallId, type CallBus, type ProviderEvent__Output,
} from "../services/common/src/index.js";
import { startFakeAnthropic, type FakeAnthropic } from "./support/fake-anthropic.js";
import { startFakeOpenAI, type FakeOpenAI } from "./support/fake-openai.js";
import { createTestDatabase, natsUrl, queryUntil, uniquePrefix, type TestDatabase } from "./support/isolation.js";
import { startService, type ServiceProcess } from "./support/processes.js";

const catalog = loadCatalog("xrouter");
let db: TestDatabase;
let ledger: ServiceProcess;
let executor: ServiceProcess;
let openai: FakeOpenAI;
let anthropic: FakeAnthropic;
let client: CallBus;
let prefix: string;
const events = new Map<string, ProviderEvent__Output[]>();

beforeAll(async () => {
  db = await createTestDatabase("streaming");
  prefix = uniquePrefix("streaming");
  [ledger, openai, anthropic] = await Promise.all([
    startService("ledger", { XROUTER_LEDGER_PORT: "0", DATABASE_URL: db.url, NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: prefix }),
    startFakeOpenAI(), startFakeAnthropic(),
  ]);
  executor = await startService("executor", {
    NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: prefix, XROUTER_EXECUTOR_ID: "executor-stream",
    OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: openai.url, ANTHROPIC_API_KEY: "sk-ant-test", ANTHROPIC_BASE_URL: anthropic.url,
    XROUTER_SIMULATE_MISSING_PROVIDERS: "false", XROUTER_EXECUTOR_RETRY_BASE_MS: "20",
  });
  client = await createNatsBus({ url: natsUrl(), prefix, name: "gateway-stream" });
  client.subscribeEvents(busNames(prefix).replySubject("gw"), (e) => {
    const id = e.delta?.call_id ?? e.result?.call_id ?? "";
    events.set(id, [...(events.get(id) ?? []), e]);
  });
}, 60_000);

afterAll(async () => {
  await client?.close();
  await Promise.all([executor?.kill(), ledger?.kill(), openai?.close(), anthropic?.close()]);
  await db?.drop();
});

/** The call's rows once its own row is there: the result goes out before the call is recorded. */
function ledgerRows(callId: string) {
  return queryUntil<any>(db.url, `select call_id, status, cost_nanousd::int as cost, usage_estimated as estimated, output_tokens::int as output
    from call_records where call_id like $1 order by call_id`, [`${callId}%`], (rows) => rows.some((r) => r.call_id === callId));
}

async function publish(modelId: string, text: string) {
  const model = catalog.get(modelId)!;
  const callId = newCallId();
  await client.publishCall({
    call_id: callId, request_id: "req_stream", tenant_id: `tenant_${prefix}`, key_id: "key_stream", model_id: model.id,
    provider: model.provider, upstream_model: model.upstream_model, messages: [{ role: "user", content: text }],
    params: { max_tokens: 500 }, price: model.price, reply_subject: busNames(prefix).replySubject("gw"),
    deadline_unix_ms: Date.now() + 30_000, stream: true,
  });
  return callId;
}

const resultOf = (callId: string) => events.get(callId)?.find((e) => e.result)?.result;
const deltasOf = (callId: string) => (events.get(callId) ?? []).filter((e) => e.delta).map((e) => e.delta!);

const WIRES = [
  { name: "OpenAI", model: "gpt-4o-mini", fake: () => openai },
  { name: "Anthropic", model: "claude-haiku-4.5", fake: () => anthropic },
];

describe.each(WIRES)("$name streaming", ({ model, fake }) => {
  it("delivers the deltas in order, as they arrive, then the result with the reported usage", async () => {
    fake().setBehaviour({ content: "one two three four five", chunkDelayMs: 30 });
    const callId = await publish(model, `stream please ${newCallId()}`);
    await expect.poll(() => deltasOf(callId).length, { timeout: 10_000, interval: 5 }).toBeGreaterThanOrEqual(1);
    // the first delta arrived while the provider was still sending the rest
    expect(resultOf(callId)).toBeUndefined();
    await expect.poll(() => resultOf(callId), { timeout: 10_000 }).toBeDefined();
    const all = events.get(callId)!;
    expect(all.at(-1)!.result).toBeDefined();
    expect(deltasOf(callId).map((d) => d.index)).toEqual([0, 1, 2, 3, 4]);
    expect(deltasOf(callId).map((d) => d.content).join("")).toBe("one two three four five");
    expect(resultOf(callId)).toMatchObject({ status: CallStatus.CALL_STATUS_OK, content: "one two three four five", usage: { estimated: false } });
    expect(await ledgerRows(callId)).toMatchObject([{ call_id: callId, status: "CALL_STATUS_OK", estimated: false }]);
  });

  it("a cancel mid-stream aborts upstream and records CANCELLED at an estimated cost", async () => {
    const words = Array.from({ length: 200 }, (_, i) => `w${i}`).join(" ");
    fake().setBehaviour({ content: words, chunkDelayMs: 25 });
    const marker = `cancel me ${newCallId()}`;
    const callId = await publish(model, marker);
    await expect.poll(() => deltasOf(callId).length, { timeout: 10_000, interval: 5 }).toBeGreaterThanOrEqual(5);
    client.publishCancel({ call_id: callId, reason: "client disconnected" });
    await expect.poll(() => resultOf(callId), { timeout: 10_000 }).toBeDefined();
    const request = fake().requests.find((r) => JSON.stringify(r.body).includes(marker))!;
    await expect.poll(() => request.closedEarly, { timeout: 5_000 }).toBe(true);
    const result = resultOf(callId)!;
    const streamed = deltasOf(callId).map((d) => d.content).join("");
    expect(result).toMatchObject({ status: CallStatus.CALL_STATUS_CANCELLED, error: { code: "cancelled" }, usage: { estimated: true }, content: streamed });
    expect(streamed.length).toBeLessThan(words.length);
    expect(result.cost_nanousd).toBeGreaterThan(0);
    expect(await ledgerRows(callId)).toEqual([{
      call_id: callId, status: "CALL_STATUS_CANCELLED", cost: result.cost_nanousd, estimated: true, output: result.usage!.output_tokens,
    }]);
  });

  it("a stream that breaks after its first delta is not retried: FAILED, billed as an estimate", async () => {
    fake().setBehaviour({ content: "a b c d e f", breakAfterChunks: 3 });
    const marker = `break ${newCallId()}`;
    const callId = await publish(model, marker);
    await expect.poll(() => resultOf(callId), { timeout: 10_000 }).toBeDefined();
    expect(fake().requests.filter((r) => JSON.stringify(r.body).includes(marker))).toHaveLength(1);
    expect(resultOf(callId)).toMatchObject({ status: CallStatus.CALL_STATUS_FAILED, content: "a b c ", usage: { estimated: true } });
    const rows = await ledgerRows(callId);
    expect(rows).toMatchObject([{ call_id: callId, status: "CALL_STATUS_FAILED", estimated: true }]);
    expect(rows[0].cost).toBeGreaterThan(0);
  });
});
