// One routed request produces one trace across the gateway, policy, ledger and executor
// processes, parented correctly over real gRPC and real NATS, with the GenAI and cost attributes.
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import OpenAI from "openai";
import { busNames } from "../services/common/src/index.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startFakeCollector, type CollectedSpan } from "./support/fake-otlp.js";
import { natsUrl } from "./support/isolation.js";
import { ROOT, startService } from "./support/processes.js";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;
let collector: Awaited<ReturnType<typeof startFakeCollector>>;

beforeAll(async () => {
  collector = await startFakeCollector();
  // XROUTER_POLICY_INPROCESS=false: the Decide RPC's spans are under test; the default is tested below
  system = await startSystem("trace", {
    executors: 1,
    env: { ...collector.env, XROUTER_AUTH_CACHE_MS: "60000", XROUTER_EXECUTOR_LEDGER_RETRY_MS: "500", XROUTER_POLICY_INPROCESS: "false" },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  await collector?.close();
});

async function waitForSpans(traceId: string, predicate: (spans: CollectedSpan[]) => boolean): Promise<CollectedSpan[]> {
  for (let i = 0; i < 100; i += 1) {
    const spans = collector.spans.filter((s) => s.traceId === traceId);
    if (predicate(spans)) return spans;
    await new Promise((r) => setTimeout(r, 100));
  }
  return collector.spans.filter((s) => s.traceId === traceId);
}

it("one request is one trace across every process", async () => {
  const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
  const completion = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "trace me" }] });
  let server: CollectedSpan | undefined;
  for (let i = 0; i < 100 && !server; i += 1) {
    server = collector.spans.find((s) => s.name === "POST /v1/chat/completions" && s.attributes["xrouter.request_id"] === completion.id);
    if (!server) await new Promise((r) => setTimeout(r, 100));
  }
  if (!server) throw new Error("the gateway's server span never arrived");
  expect(server).toBeDefined();
  expect(server.service).toBe("xrouter-gateway");
  expect(server.parentSpanId).toBe("");
  expect(server.attributes["xrouter.model_used"]).toBe(completion.model);
  expect(server.attributes["xrouter.cost_usd"]).toBeGreaterThan(0);
  expect(server.attributes["xrouter.policy"]).toBe("cheapest");

  // the executor's consumer span ends when the call is recorded, a moment after the answer went out
  const spans = await waitForSpans(server.traceId, (s) => s.some((x) => x.service === "xrouter-executor" && x.name.startsWith("process ")));
  const byId = new Map(spans.map((s) => [s.spanId, s]));
  const parentOf = (s: CollectedSpan) => byId.get(s.parentSpanId);
  const find = (service: string, name: string) => spans.find((s) => s.service === service && s.name === name);

  const decideClient = find("xrouter-gateway", "xrouter.policy.v1.PolicyService/Decide")!;
  const decideServer = find("xrouter-policy", "xrouter.policy.v1.PolicyService/Decide")!;
  expect(parentOf(decideClient)?.spanId).toBe(server.spanId);
  expect(decideServer.parentSpanId).toBe(decideClient.spanId);

  const auth = find("xrouter-ledger", "xrouter.ledger.v1.LedgerService/Authenticate")!;
  expect(parentOf(parentOf(auth)!)?.spanId).toBe(server.spanId);

  const publish = spans.find((s) => s.service === "xrouter-gateway" && s.name.startsWith("publish "))!;
  expect(publish.parentSpanId).toBe(server.spanId);
  expect(publish.attributes["gen_ai.request.model"]).toBe(completion.model);

  const consume = spans.find((s) => s.service === "xrouter-executor" && s.name.startsWith("process "))!;
  expect(consume.parentSpanId).toBe(publish.spanId);
  const providerCall = spans.find((s) => s.service === "xrouter-executor" && s.attributes["gen_ai.operation.name"] === "chat")!;
  expect(parentOf(providerCall)?.spanId).toBe(consume.spanId);
  expect(providerCall.attributes["gen_ai.provider.name"]).toBe("openai");
  expect(providerCall.attributes["gen_ai.request.model"]).toBe(completion.model);
  expect(providerCall.attributes["gen_ai.usage.input_tokens"]).toBeGreaterThan(0);
  expect(providerCall.attributes["gen_ai.usage.output_tokens"]).toBeGreaterThan(0);
  expect(providerCall.attributes["xrouter.cost_usd"]).toBeGreaterThan(0);
  // prompts and answers stay off spans unless OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT is true
  expect(JSON.stringify(spans)).not.toContain("trace me");

  // a lone call travels in a batch of its own, in its own trace (a batch of several belongs to the trace of its first)
  // the record goes over the records stream: the ledger's write span continues the executor's trace
  const spansNow = await waitForSpans(server.traceId, (s) => s.some((x) => x.name === "xrouter.ledger.records write" && Number(x.attributes["xrouter.calls"]) > 0));
  const recordCalls = spansNow.find((s) => s.service === "xrouter-ledger" && s.name === "xrouter.ledger.records write" && Number(s.attributes["xrouter.calls"]) > 0);
  expect(recordCalls).toBeDefined();
  expect(spansNow.find((s) => s.spanId === recordCalls!.parentSpanId)?.service).toBe("xrouter-executor");
  expect(spansNow.filter((s) => s.name === "xrouter.ledger.v1.LedgerService/RecordCalls")).toEqual([]);
  expect(new Set(spans.map((s) => s.traceId)).size).toBe(1);
});

it("by default the gateway decides a local policy in-process: a policy.decide span, no Decide RPC", async () => {
  const gateway = await startService("gateway", {
    ...collector.env, XROUTER_PORT: "0", NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: system.prefix, XROUTER_LEDGER_ADDR: system.ledgerAddr,
    XROUTER_POLICY_ADDR: `127.0.0.1:${system.policy.port}`, XROUTER_CATALOG: `${ROOT}test/fixtures/openai-catalog.json`,
  }, { label: "gateway-inprocess" });
  try {
    const client = new OpenAI({ baseURL: `http://127.0.0.1:${gateway.port}/v1`, apiKey: system.apiKey, maxRetries: 0 });
    const completion = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "decide here" }] });
    let server: CollectedSpan | undefined;
    for (let i = 0; i < 100 && !server; i += 1) {
      server = collector.spans.find((s) => s.name === "POST /v1/chat/completions" && s.attributes["xrouter.request_id"] === completion.id);
      if (!server) await new Promise((r) => setTimeout(r, 100));
    }
    if (!server) throw new Error("the gateway's server span never arrived");
    const spans = await waitForSpans(server.traceId, (s) => s.some((x) => x.service === "xrouter-executor" && x.name.startsWith("process ")));
    const decide = spans.find((s) => s.name === "policy.decide")!;
    expect(decide.service).toBe("xrouter-gateway");
    expect(decide.parentSpanId).toBe(server.spanId);
    expect(decide.attributes).toMatchObject({
      "xrouter.policy": "cheapest", "xrouter.decision": "call", "xrouter.turn": 1, "xrouter.request_id": completion.id,
    });
    expect(spans.filter((s) => s.name === "xrouter.policy.v1.PolicyService/Decide")).toEqual([]);
    expect(spans.some((s) => s.service === "xrouter-executor")).toBe(true);
  } finally {
    await gateway.kill("SIGTERM");
  }
});

it("a redelivered call shows one consumer span per delivery under the same publish", async () => {
  const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
  await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "warm the key cache" }] });
  // with the records stream gone the executor cannot record the call: it naks, and the call comes
  // back; the ledger, restarted, creates the stream again and the next delivery records it
  system.ledger.child.kill("SIGKILL");
  await system.ledger.exited;
  const nc = await connect({ servers: natsUrl() });
  await (await jetstreamManager(nc)).streams.delete(busNames(system.prefix).recordsStream);
  await nc.close();
  const pending = client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "redeliver me" }] });
  await new Promise((r) => setTimeout(r, 1000));
  await system.restartLedger("SIGKILL");
  const completion = await pending;

  let consumers: CollectedSpan[] = [];
  for (let i = 0; i < 100 && consumers.length < 2; i += 1) {
    const server = collector.spans.find((s) => s.name === "POST /v1/chat/completions" && s.attributes["xrouter.request_id"] === completion.id);
    const publish = server && collector.spans.find((s) => s.traceId === server.traceId && s.name.startsWith("publish "));
    consumers = publish ? collector.spans.filter((s) => s.parentSpanId === publish.spanId && s.name.startsWith("process ")) : [];
    if (consumers.length < 2) await new Promise((r) => setTimeout(r, 100));
  }
  // one consumer span per delivery (how many depends on how long the stream was away), all siblings
  expect(consumers.length).toBeGreaterThanOrEqual(2);
  const counts = consumers.map((s) => Number(s.attributes["xrouter.delivery_count"])).sort((a, b) => a - b);
  expect(counts).toEqual(counts.map((_, i) => i + 1));
});
