// Prometheus metrics (prom-client), one registry per process, served on /metrics. The names of
// GenAI metrics follow the OpenTelemetry conventions (gen_ai.client.token.usage ->
// gen_ai_client_token_usage). Cost here is for dashboards; the ledger is the account of record.
import { createServer, type Server } from "node:http";
import client from "prom-client";

export const registry = new client.Registry();
// prom-client samples event-loop delay with a 10 ms timer by default: 100 wake-ups a second in
// every process, idle or not (on this project's VM ~1 % of a core each, and a timer in the way of
// requests at moderate rates). At 100 ms every stall longer than that is still seen.
const EVENT_LOOP_SAMPLE_MS = 100;
client.collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: EVENT_LOOP_SAMPLE_MS });

const SECONDS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
const TOKENS = [1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576];

export const metrics = {
  httpRequests: new client.Counter({
    name: "xrouter_http_requests_total", help: "HTTP requests answered by the gateway",
    labelNames: ["route", "status"] as const, registers: [registry],
  }),
  httpDuration: new client.Histogram({
    name: "xrouter_http_request_duration_seconds", help: "Gateway request latency, end to end",
    labelNames: ["route", "stream"] as const, buckets: SECONDS, registers: [registry],
  }),
  overhead: new client.Histogram({
    name: "xrouter_gateway_overhead_seconds", help: "Time the router added on top of the provider calls",
    buckets: SECONDS, registers: [registry],
  }),
  modelChoices: new client.Counter({
    name: "xrouter_model_choices_total", help: "Answers by the model that produced them and the policy that chose it",
    labelNames: ["model", "policy"] as const, registers: [registry],
  }),
  costUsd: new client.Counter({
    name: "xrouter_cost_usd_total", help: "Spend on model calls (USD), by model",
    labelNames: ["model"] as const, registers: [registry],
  }),
  savingsUsd: new client.Counter({
    name: "xrouter_savings_usd_total", help: "What the answered requests would have cost on the pool's most expensive model, minus what they cost",
    registers: [registry],
  }),
  tokenUsage: new client.Histogram({
    name: "gen_ai_client_token_usage", help: "Tokens per provider call (gen_ai.client.token.usage)",
    labelNames: ["gen_ai_token_type", "gen_ai_request_model", "gen_ai_provider_name"] as const, buckets: TOKENS, registers: [registry],
  }),
  operationDuration: new client.Histogram({
    name: "gen_ai_client_operation_duration_seconds", help: "Provider call latency (gen_ai.client.operation.duration)",
    labelNames: ["gen_ai_request_model", "gen_ai_provider_name", "status"] as const, buckets: SECONDS, registers: [registry],
  }),
  providerErrors: new client.Counter({
    name: "xrouter_provider_errors_total", help: "Failed provider attempts by provider, model and error code",
    labelNames: ["provider", "model", "code"] as const, registers: [registry],
  }),
  lostRuns: new client.Counter({
    name: "xrouter_lost_runs_total",
    help: "Runs whose executor went away mid-call (SIGKILL, a crash), billed as lost at the worst case by a later delivery of the call",
    labelNames: ["provider", "model"] as const, registers: [registry],
  }),
  budgetLeases: new client.Counter({
    name: "xrouter_budget_leases_total", help: "Budget leases the gateway asked the ledger for, by outcome (granted, refused)",
    labelNames: ["outcome"] as const, registers: [registry],
  }),
  budgetLeaseReturnedUsd: new client.Counter({
    name: "xrouter_budget_lease_returned_usd_total", help: "Unused parts of budget leases the gateway gave back (USD)", registers: [registry],
  }),
  callsInFlight: new client.Gauge({
    name: "xrouter_calls_in_flight", help: "Provider calls this executor is running", registers: [registry],
  }),
  consumerPending: new client.Gauge({
    name: "xrouter_jetstream_consumer_pending", help: "Calls waiting in the JetStream consumer (lag)", registers: [registry],
  }),
  consumerAckPending: new client.Gauge({
    name: "xrouter_jetstream_consumer_ack_pending", help: "Calls delivered and not yet acknowledged", registers: [registry],
  }),
  decisions: new client.Counter({
    name: "xrouter_policy_decisions_total", help: "Decide calls by policy backend and action",
    labelNames: ["policy", "action"] as const, registers: [registry],
  }),
  decisionDuration: new client.Histogram({
    name: "xrouter_policy_decision_duration_seconds", help: "Time a policy backend took to decide",
    labelNames: ["policy"] as const, buckets: SECONDS, registers: [registry],
  }),
  grpcServerHandled: new client.Counter({
    name: "xrouter_grpc_server_handled_total", help: "gRPC calls served, by method and status code",
    labelNames: ["method", "code"] as const, registers: [registry],
  }),
  grpcServerDuration: new client.Histogram({
    name: "xrouter_grpc_server_handling_seconds", help: "gRPC server handling time",
    labelNames: ["method"] as const, buckets: SECONDS, registers: [registry],
  }),
  ledgerStreamRecords: new client.Counter({
    name: "xrouter_ledger_stream_records_total", help: "Spend records the ledger took from the records stream, by kind and outcome",
    labelNames: ["kind", "outcome"] as const, registers: [registry],
  }),
};

export async function metricsText(): Promise<{ contentType: string; body: string }> {
  return { contentType: registry.contentType, body: await registry.metrics() };
}

/** A bare /metrics endpoint for the services without an HTTP server of their own. */
export async function serveMetrics(port: number, host: string): Promise<{ port: number; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (req.url !== "/metrics") {
      res.writeHead(404).end();
      return;
    }
    void metricsText().then(({ contentType, body }) => res.writeHead(200, { "content-type": contentType }).end(body));
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : port, server,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
