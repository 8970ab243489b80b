// Every service serves Prometheus metrics; after traffic they show requests, latency, overhead,
// tokens, cost, routing choices, provider errors, queue lag and in-flight calls.
import OpenAI from "openai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { metricsPort, sample, scrape } from "./support/metrics.js";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem("metrics", { executors: 1, env: { XROUTER_METRICS_PORT: "0" } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

it("each service's /metrics reflects the traffic it served", async () => {
  const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
  for (let i = 0; i < 3; i += 1) await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: `m${i}` }] });
  system.fake.setBehaviour([{ status: 400 }]);
  const failedOver = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "fail once" }] });
  system.fake.setBehaviour({});
  expect(failedOver.choices[0]!.message.content).toBeTruthy();

  const gateway = await scrape(system.baseUrl.replace("/v1", "/metrics"));
  expect(sample(gateway, "xrouter_http_requests_total", { route: "/v1/chat/completions", status: "200" })).toBe(4);
  expect(sample(gateway, "xrouter_http_request_duration_seconds_count")).toBe(4);
  expect(sample(gateway, "xrouter_gateway_overhead_seconds_count")).toBe(4);
  expect(sample(gateway, "xrouter_model_choices_total", { policy: "cheapest" })).toBeGreaterThan(0);
  expect(sample(gateway, "xrouter_cost_usd_total")).toBeGreaterThan(0);
  expect(sample(gateway, "xrouter_savings_usd_total")).toBeGreaterThan(0);
  expect(sample(gateway, "process_resident_memory_bytes")).toBeGreaterThan(0);
  // cheapest needs no router LLM: by default the gateway decides it in-process, so the decisions are counted here
  expect(sample(gateway, "xrouter_policy_decisions_total", { policy: "cheapest", action: "call" })).toBeGreaterThanOrEqual(5);
  expect(sample(gateway, "xrouter_policy_decision_duration_seconds_count")).toBeGreaterThanOrEqual(5);

  // a call leaves the executor once it is recorded, a moment after its answer went out
  const executorMetrics = `http://127.0.0.1:${metricsPort(system.executors[0]!)}/metrics`;
  await expect.poll(async () => sample(await scrape(executorMetrics), "xrouter_calls_in_flight"), { timeout: 10_000 }).toBe(0);
  const executor = await scrape(executorMetrics);
  expect(sample(executor, "gen_ai_client_token_usage_count", { gen_ai_token_type: "input" })).toBeGreaterThanOrEqual(4);
  expect(sample(executor, "gen_ai_client_token_usage_count", { gen_ai_token_type: "output" })).toBeGreaterThanOrEqual(4);
  expect(sample(executor, "gen_ai_client_operation_duration_seconds_count")).toBeGreaterThanOrEqual(5);
  expect(sample(executor, "xrouter_provider_errors_total")).toBeGreaterThanOrEqual(1);
  expect(sample(executor, "xrouter_calls_in_flight")).toBe(0);
  expect(sample(executor, "xrouter_jetstream_consumer_pending")).toBe(0);

  // ... and the policy service was never asked
  const policy = await scrape(`http://127.0.0.1:${metricsPort(system.policy)}/metrics`);
  expect(sample(policy, "process_resident_memory_bytes")).toBeGreaterThan(0);
  expect(sample(policy, "xrouter_policy_decisions_total") ?? 0).toBe(0);
  expect(sample(policy, "xrouter_grpc_server_handled_total", { method: "/xrouter.policy.v1.PolicyService/Decide" }) ?? 0).toBe(0);

  // calls and requests are recorded from the records stream (a moment after the answers), not over gRPC
  const ledgerMetrics = `http://127.0.0.1:${metricsPort(system.ledger)}/metrics`;
  await expect.poll(async () => sample(await scrape(ledgerMetrics), "xrouter_ledger_stream_records_total", { kind: "request", outcome: "written" }),
    { timeout: 10_000 }).toBe(4);
  // call records travel apart from request records, so the failed-over call may still be on its way
  await expect.poll(async () => sample(await scrape(ledgerMetrics), "xrouter_ledger_stream_records_total", { kind: "call", outcome: "written" }) ?? 0,
    { timeout: 10_000 }).toBeGreaterThanOrEqual(5);
  const ledger = await scrape(ledgerMetrics);
  expect(sample(ledger, "xrouter_grpc_server_handled_total", { method: "/xrouter.ledger.v1.LedgerService/RecordCalls", code: "OK" }) ?? 0).toBe(0);
});
