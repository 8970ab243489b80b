import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAI, type FakeOpenAI } from "../../../../test/support/fake-openai.js";
import { ProviderError } from "../core/provider.js";
import { makeCall } from "../test-fakes.js";
import { configuredProviders, createProviderRegistry } from "./registry.js";
import { simulatedAnswer } from "./simulated.js";

describe("provider registry", () => {
  let fake: FakeOpenAI;
  beforeAll(async () => { fake = await startFakeOpenAI(); });
  afterAll(async () => { await fake.close(); });

  it("sends calls of a provider with a key to its endpoint and simulates the others", async () => {
    const registry = createProviderRegistry({
      endpoints: { openai: { apiKey: "sk-test", baseUrl: fake.url } }, simulateMissing: true, simulatedLatencyMs: 0,
    });
    expect(configuredProviders(registry)).toEqual(["openai"]);
    const real = await registry.get("openai")!.complete(makeCall(), new AbortController().signal);
    expect(real.content).toContain("Fake answer from gpt-4o-mini");
    expect(fake.countFor("gpt-4o-mini")).toBe(1);

    const call = makeCall({ provider: "together", model_id: "together/llama", upstream_model: "meta-llama/x" });
    const simulated = await registry.get("together")!.complete(call, new AbortController().signal);
    expect(simulated.simulated).toBe(true);
    expect(simulated.content).toBe("[simulated answer from together/llama: no provider key is configured] You asked: \"Say hello\"");
    expect(simulated.usage).toMatchObject({ estimated: true });
    expect(Number(simulated.usage!.output_tokens)).toBeGreaterThan(10);
    expect(registry.get("replay")!.kind).toBe("simulated");
    expect(fake.requests).toHaveLength(1);
    await registry.close();
  });

  it("fails calls of unconfigured providers when simulation is off", async () => {
    const registry = createProviderRegistry({ endpoints: {}, simulateMissing: false, simulatedLatencyMs: 0 });
    const error = await registry.get("gemini")!.complete(makeCall({ provider: "gemini" }), new AbortController().signal).catch((e) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: "provider_not_configured", retryable: false });
    expect(registry.get("simulated")!.kind).toBe("simulated");
  });

  it("uses a vLLM endpoint that has a URL but no key", () => {
    const registry = createProviderRegistry({ endpoints: { vllm: { baseUrl: fake.url } }, simulateMissing: true, simulatedLatencyMs: 0 });
    expect(registry.get("vllm")!.kind).toBe("openai-compatible");
    expect(registry.get("openai")!.kind).toBe("simulated");
  });

  it("keeps the simulated answer short and deterministic", () => {
    const long = "word ".repeat(200);
    const call = makeCall({ messages: [{ role: "user", content: long, content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] }] });
    expect(simulatedAnswer(call)).toBe(simulatedAnswer(call));
    expect(simulatedAnswer(call).length).toBeLessThan(260);
  });

  it("lets a simulated call be cancelled", async () => {
    const registry = createProviderRegistry({ endpoints: {}, simulateMissing: true, simulatedLatencyMs: 10_000 });
    const error = await registry.get("openai")!.complete(makeCall(), AbortSignal.timeout(20)).catch((e) => e);
    expect(error).toMatchObject({ code: "provider_call_aborted" });
  });

  it("sends anthropic to the native Messages adapter and openai with max_completion_tokens", async () => {
    const registry = createProviderRegistry({
      endpoints: { anthropic: { apiKey: "sk-ant" }, openai: { apiKey: "sk-test", baseUrl: fake.url } }, simulateMissing: true, simulatedLatencyMs: 0,
    });
    expect(registry.get("anthropic")!.kind).toBe("anthropic");
    await registry.get("openai")!.complete(makeCall(), new AbortController().signal);
    expect(fake.requests.at(-1)!.body).toMatchObject({ max_completion_tokens: 100 });
    await registry.close();
  });

  it("serves replay from the shipped data sets, loaded on the first replay call", async () => {
    const registry = createProviderRegistry({
      endpoints: {}, simulateMissing: true, simulatedLatencyMs: 0, replay: { latency: { baseMs: 0, perOutputTokenMs: 0 } },
    });
    expect(registry.get("replay")!.kind).toBe("replay");
    expect(configuredProviders(registry)).toEqual(["replay"]);
    const error = await registry.get("replay")!.complete(makeCall({ provider: "replay" }), new AbortController().signal).catch((e) => e);
    expect(error).toMatchObject({ code: "replay_prompt_unknown", retryable: false });
  });
});
