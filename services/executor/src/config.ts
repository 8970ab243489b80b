// Executor settings from the environment, parsed once at start-up (a bad value stops the process).
import { z } from "zod";
import { booleanFlag, newInstanceId, optionalString, parseConfig, positiveInt } from "../../common/src/index.js";
import type { BreakerSettings } from "./core/circuit-breaker.js";
import type { HandlerSettings } from "./core/handle-call.js";
import type { EndpointSettings, ProviderSettings } from "./providers/registry.js";
import { parseReplayLatency } from "./providers/replay/index.js";

const nonNegativeInt = (fallback: number) => z.coerce.number().int().min(0).default(fallback);
const url = optionalString.pipe(z.url().optional());

const schema = z.object({
  NATS_URL: z.string().min(1).default("127.0.0.1:4222"),
  XROUTER_NATS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only").default("xrouter"),
  XROUTER_BIND_HOST: z.string().min(1).default("127.0.0.1"),
  /** Serve Prometheus /metrics on this port (0: any free port); unset: not served. */
  XROUTER_METRICS_PORT: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().min(0).max(65535).optional()),
  XROUTER_EXECUTOR_CONCURRENCY: positiveInt(32),
  XROUTER_EXECUTOR_ID: optionalString,
  /** How long JetStream waits for an ack (or a heartbeat) before redelivering a call. */
  XROUTER_ACK_WAIT_MS: positiveInt(30_000),
  XROUTER_MAX_DELIVER: positiveInt(5),
  XROUTER_EXECUTOR_WORKING_INTERVAL_MS: z.coerce.number().int().positive().optional(),
  XROUTER_EXECUTOR_MAX_ATTEMPTS: positiveInt(3),
  XROUTER_EXECUTOR_RETRY_BASE_MS: positiveInt(250),
  XROUTER_EXECUTOR_RETRY_MAX_MS: positiveInt(8_000),
  XROUTER_EXECUTOR_DEFAULT_TIMEOUT_MS: positiveInt(120_000),
  XROUTER_EXECUTOR_LEDGER_RETRY_MS: positiveInt(2_000),
  /** How long a call record waits for others to share its batch on the records stream (the answer is already out). */
  XROUTER_EXECUTOR_RECORD_LINGER_MS: nonNegativeInt(100),
  XROUTER_EXECUTOR_DRAIN_TIMEOUT_MS: positiveInt(30_000),
  /** After a stream's first delta (sent at once), how long later deltas gather into one message; 0: one turn of the event loop. */
  XROUTER_STREAM_COALESCE_MS: nonNegativeInt(10),
  XROUTER_SIMULATE_MISSING_PROVIDERS: booleanFlag(true),
  XROUTER_SIMULATED_LATENCY_MS: nonNegativeInt(20),
  OPENAI_API_KEY: optionalString, OPENAI_BASE_URL: url,
  TOGETHER_API_KEY: optionalString, TOGETHER_BASE_URL: url,
  GEMINI_API_KEY: optionalString, GEMINI_BASE_URL: url,
  ANTHROPIC_API_KEY: optionalString, ANTHROPIC_BASE_URL: url,
  VLLM_API_KEY: optionalString, VLLM_BASE_URL: url,
  /** Comma-separated data files for the replay provider, relative to the repository root. */
  XROUTER_REPLAY_DATA: optionalString,
  XROUTER_REPLAY_LATENCY: z.string().default("none")
    .refine((v) => parseReplayLatency(v) !== undefined, "none, fixed:<ms> or tokens:<ms per output token>[+<base ms>]"),
  XROUTER_BREAKER_FAILURES: nonNegativeInt(5),
  XROUTER_BREAKER_COOLDOWN_MS: positiveInt(30_000),
  XROUTER_BREAKER_FIRST_COOLDOWN_MS: positiveInt(1_000),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface ExecutorConfig {
  natsUrl: string;
  bindHost: string;
  metricsPort: number | undefined;
  natsPrefix: string;
  /** How long a call record waits for others to share its batch. */
  recordLingerMs: number;
  concurrency: number;
  ackWaitMs: number;
  /** Longest wait for running calls on stop before they are handed back to the queue. */
  drainTimeoutMs: number;
  handler: HandlerSettings;
  providers: ProviderSettings;
  breaker: BreakerSettings;
  /** Most attempts in flight per provider in this process; providers not named are unlimited. */
  providerConcurrency: Record<string, number>;
  logLevel: string;
}

const CONCURRENCY_PREFIX = "XROUTER_PROVIDER_CONCURRENCY_";

/** XROUTER_PROVIDER_CONCURRENCY_<PROVIDER>=N; the provider name is lower case, `_` for `-` (OPENAI_COMPATIBLE). */
function providerConcurrency(env: NodeJS.ProcessEnv): Record<string, number> {
  const keys = Object.keys(env).filter((k) => k.startsWith(CONCURRENCY_PREFIX) && env[k] !== "");
  const limits = parseConfig(z.object(Object.fromEntries(keys.map((k) => [k, z.coerce.number().int().positive()]))), env);
  return Object.fromEntries(Object.entries(limits).map(([k, v]) =>
    [k.slice(CONCURRENCY_PREFIX.length).toLowerCase().replaceAll("_", "-"), v as number]));
}

export function loadExecutorConfig(env: NodeJS.ProcessEnv = process.env): ExecutorConfig {
  const e = parseConfig(schema, env);
  const endpoint = (apiKey?: string, baseUrl?: string): EndpointSettings => ({ apiKey, baseUrl });
  const vllm = endpoint(e.VLLM_API_KEY, e.VLLM_BASE_URL);
  // a heartbeat well inside the ack wait, so one late timer never costs a redelivery
  const workingIntervalMs = e.XROUTER_EXECUTOR_WORKING_INTERVAL_MS ?? Math.max(100, Math.min(5_000, Math.floor(e.XROUTER_ACK_WAIT_MS / 3)));
  return {
    natsUrl: e.NATS_URL,
    bindHost: e.XROUTER_BIND_HOST,
    metricsPort: e.XROUTER_METRICS_PORT,
    natsPrefix: e.XROUTER_NATS_PREFIX,
    recordLingerMs: e.XROUTER_EXECUTOR_RECORD_LINGER_MS,
    concurrency: e.XROUTER_EXECUTOR_CONCURRENCY,
    ackWaitMs: e.XROUTER_ACK_WAIT_MS,
    drainTimeoutMs: e.XROUTER_EXECUTOR_DRAIN_TIMEOUT_MS,
    handler: {
      executorId: e.XROUTER_EXECUTOR_ID ?? newInstanceId("executor"),
      retry: {
        maxAttempts: e.XROUTER_EXECUTOR_MAX_ATTEMPTS,
        baseDelayMs: e.XROUTER_EXECUTOR_RETRY_BASE_MS,
        maxDelayMs: e.XROUTER_EXECUTOR_RETRY_MAX_MS,
      },
      workingIntervalMs,
      ledgerRetryDelayMs: e.XROUTER_EXECUTOR_LEDGER_RETRY_MS,
      errorRetryDelayMs: 1_000,
      defaultCallTimeoutMs: e.XROUTER_EXECUTOR_DEFAULT_TIMEOUT_MS,
      maxDeliver: e.XROUTER_MAX_DELIVER,
      redeliveryAgeMs: Math.floor(e.XROUTER_ACK_WAIT_MS / 2),
      deltaCoalesceMs: e.XROUTER_STREAM_COALESCE_MS,
    },
    providers: {
      endpoints: {
        openai: endpoint(e.OPENAI_API_KEY, e.OPENAI_BASE_URL),
        together: endpoint(e.TOGETHER_API_KEY, e.TOGETHER_BASE_URL),
        gemini: endpoint(e.GEMINI_API_KEY, e.GEMINI_BASE_URL),
        anthropic: endpoint(e.ANTHROPIC_API_KEY, e.ANTHROPIC_BASE_URL),
        vllm,
        "openai-compatible": vllm,
      },
      simulateMissing: e.XROUTER_SIMULATE_MISSING_PROVIDERS,
      simulatedLatencyMs: e.XROUTER_SIMULATED_LATENCY_MS,
      replay: {
        data: e.XROUTER_REPLAY_DATA?.split(",").map((p) => p.trim()).filter(Boolean),
        latency: parseReplayLatency(e.XROUTER_REPLAY_LATENCY)!,
      },
    },
    breaker: {
      failureThreshold: e.XROUTER_BREAKER_FAILURES, cooldownMs: e.XROUTER_BREAKER_COOLDOWN_MS,
      firstCooldownMs: e.XROUTER_BREAKER_FIRST_COOLDOWN_MS,
    },
    providerConcurrency: providerConcurrency(env),
    logLevel: e.LOG_LEVEL,
  };
}
