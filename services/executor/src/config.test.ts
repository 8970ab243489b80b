import { describe, expect, it } from "vitest";
import { ConfigError } from "../../common/src/index.js";
import { loadExecutorConfig } from "./config.js";

describe("executor config", () => {
  it("has working defaults and derives the heartbeat from the ack wait", () => {
    const config = loadExecutorConfig({ XROUTER_ACK_WAIT_MS: "3000" });
    expect(config).toMatchObject({ natsUrl: "127.0.0.1:4222", natsPrefix: "xrouter", concurrency: 32 });
    expect(config.handler.workingIntervalMs).toBe(1000);
    expect(config.handler.executorId).toMatch(/^executor-[0-9a-f]{8}$/);
    expect(config.providers).toMatchObject({ simulateMissing: true, simulatedLatencyMs: 20 });
  });

  it("reads provider keys and URLs, and empty values count as unset", () => {
    const config = loadExecutorConfig({
      OPENAI_API_KEY: "sk-1", TOGETHER_API_KEY: "", VLLM_BASE_URL: "http://127.0.0.1:8000/v1", XROUTER_SIMULATE_MISSING_PROVIDERS: "false",
    });
    expect(config.providers.endpoints.openai).toEqual({ apiKey: "sk-1", baseUrl: undefined });
    expect(config.providers.endpoints.together?.apiKey).toBeUndefined();
    expect(config.providers.endpoints["openai-compatible"]?.baseUrl).toBe("http://127.0.0.1:8000/v1");
    expect(config.providers.simulateMissing).toBe(false);
  });

  it("fails fast naming every bad variable", () => {
    expect(() => loadExecutorConfig({ XROUTER_EXECUTOR_CONCURRENCY: "0", OPENAI_BASE_URL: "not a url" })).toThrow(ConfigError);
    expect(() => loadExecutorConfig({ XROUTER_EXECUTOR_CONCURRENCY: "0", OPENAI_BASE_URL: "not a url" }))
      .toThrow(/XROUTER_EXECUTOR_CONCURRENCY[\s\S]*OPENAI_BASE_URL|OPENAI_BASE_URL[\s\S]*XROUTER_EXECUTOR_CONCURRENCY/);
  });

  it("reads per-provider concurrency limits, the circuit breaker and the replay settings", () => {
    const config = loadExecutorConfig({
      XROUTER_PROVIDER_CONCURRENCY_OPENAI: "16", XROUTER_PROVIDER_CONCURRENCY_OPENAI_COMPATIBLE: "2",
      XROUTER_BREAKER_FAILURES: "0", XROUTER_BREAKER_COOLDOWN_MS: "500",
      XROUTER_REPLAY_DATA: "../shared/data/routerbench/dev.jsonl, extra.jsonl", XROUTER_REPLAY_LATENCY: "tokens:2+50",
    });
    expect(config.providerConcurrency).toEqual({ openai: 16, "openai-compatible": 2 });
    expect(config.breaker).toEqual({ failureThreshold: 0, cooldownMs: 500, firstCooldownMs: 1_000 });
    expect(config.providers.replay).toEqual({
      data: ["../shared/data/routerbench/dev.jsonl", "extra.jsonl"], latency: { baseMs: 50, perOutputTokenMs: 2 },
    });
    const defaults = loadExecutorConfig({});
    expect(defaults.breaker).toEqual({ failureThreshold: 5, cooldownMs: 30_000, firstCooldownMs: 1_000 });
    expect(defaults.providers.replay).toEqual({ data: undefined, latency: { baseMs: 0, perOutputTokenMs: 0 } });
  });

  it("refuses a bad concurrency limit or latency model", () => {
    expect(() => loadExecutorConfig({ XROUTER_PROVIDER_CONCURRENCY_GEMINI: "lots" })).toThrow(/XROUTER_PROVIDER_CONCURRENCY_GEMINI/);
    expect(() => loadExecutorConfig({ XROUTER_REPLAY_LATENCY: "slow" })).toThrow(/XROUTER_REPLAY_LATENCY/);
  });
});
