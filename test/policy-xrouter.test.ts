// The xrouter backends in the policy service as a real process, over real gRPC, against a fake
// vLLM serving an xRouter checkpoint; then once through the whole system.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CallStatus, grpc, isServiceError, loadCatalog, PolicyClient, type CallOutcome, type CatalogModel, type DecideRequest,
} from "../services/common/src/index.js";
import { startFakeVllm, type FakeVllm, type ScriptedReply, type VllmRequest } from "./support/fake-vllm.js";
import { startService, type ServiceProcess } from "./support/processes.js";
import { startSystem, type RunningSystem } from "./support/system.js";

const catalog = loadCatalog("xrouter");
const toCandidate = (m: CatalogModel) => ({
  model_id: m.id, provider: m.provider, tier: m.tier, price: m.price, context_window: m.context_window,
  max_output_tokens: m.max_output_tokens, capabilities: m.capabilities, description: m.description,
});
const candidates = ["gpt-5", "claude-haiku-4.5", "gpt-4o-mini", "gpt-oss-20b", "gemini-2.5-flash"].map((id) => toCandidate(catalog.get(id)!));
const base: DecideRequest = {
  request_id: "chatcmpl-xrouter-test", turn: 1, max_turns: 3, candidates, params: { max_tokens: 512 },
  messages: [{ role: "user", content: "Prove that the square root of 2 is irrational." }],
};
const ok = (call_id: string, model_id: string, content: string, turn = 1): CallOutcome => ({
  call_id, model_id, turn, status: CallStatus.CALL_STATUS_OK, content, cost_nanousd: 1000,
});
const call = (name: string, prompt: string | undefined, temperature?: number) => ({
  name, arguments: { ...(prompt === undefined ? {} : { optimized_system_prompt: prompt }), ...(temperature === undefined ? {} : { temperature }) },
});
const isRetry = (req: VllmRequest) => req.body.messages.at(-1)?.content?.includes("could not") ?? false;

describe("xrouter backends in the policy service", () => {
  let vllm: FakeVllm;
  let policy: ServiceProcess;
  let client: PolicyClient;

  /** Decides with the given script and returns the response with the router requests it caused. */
  async function decide(script: (req: VllmRequest) => ScriptedReply, request: Partial<DecideRequest> = {}) {
    const from = vllm.requests.length;
    vllm.setScript(script);
    const response = await client.decide({ ...base, ...request });
    return { response, seen: vllm.requests.slice(from) };
  }

  beforeAll(async () => {
    vllm = await startFakeVllm();
    policy = await startService("policy", {
      XROUTER_POLICY_PORT: "0", XROUTER_POLICY_DEFAULT: "xrouter", XROUTER_ROUTER_LLM_URL: vllm.url,
      XROUTER_ROUTER_LLM_MODEL: "Salesforce/xRouter-7b", XROUTER_ROUTER_LLM_TIMEOUT_MS: "1500",
    }, { label: "policy-xrouter" });
    client = new PolicyClient(`127.0.0.1:${policy.port}`);
  });

  afterAll(async () => {
    client?.close();
    await policy?.kill();
    await vllm?.close();
  });

  it("makes a single call with the router's prompt and temperature, offering one priced tool per candidate", async () => {
    const { response, seen } = await decide(() => ({ toolCalls: [call("call_gpt_4o_mini", "You are a mathematician. Write a rigorous proof.", 0.2)] }));
    expect(response.action).toBe("call");
    expect(response.policy).toBe("xrouter");
    expect(response.routing_strategy).toBe("xrouter:call");
    expect(response.call).toMatchObject({
      calls: [{ model_id: "gpt-4o-mini", system_prompt: "You are a mathematician. Write a rigorous proof.", temperature: 0.2, max_tokens: 512 }],
      final_if_ok: false,
    });
    const body = seen[0]!.body;
    expect(body.model).toBe("Salesforce/xRouter-7b");
    expect(body.tools!.map((t) => t.function.name)).toEqual(["call_gpt_5", "call_claude_haiku_4_5", "call_gpt_4o_mini", "call_gpt_oss_20b", "call_gemini_2_5_flash"]);
    expect(body.tools![0]!.function.description).toContain("$1.25 input, $10 output");
    expect(body.tools![0]!.function.parameters.required).toEqual(["optimized_system_prompt"]);
    expect(body.messages[0]!.role).toBe("system");
    expect(body.messages.at(-1)).toEqual({ role: "user", content: base.messages![0]!.content });
  });

  it("makes parallel calls, one ModelCall per tool call", async () => {
    const { response } = await decide(() => ({ toolCalls: [call("call_gpt_5", "Prove it."), call("call_gpt_oss_20b", "Prove it briefly.", 0)] }));
    expect(response.routing_strategy).toBe("xrouter:parallel");
    expect(response.call?.calls.map((c) => [c.model_id, c.system_prompt, c.temperature ?? null])).toEqual([
      ["gpt-5", "Prove it.", null], ["gpt-oss-20b", "Prove it briefly.", 0],
    ]);
  });

  it("selects an earlier answer, after seeing the outcomes as the answers to its own tool calls", async () => {
    const outcomes = [ok("call_a1", "gpt-5", "Assume p/q in lowest terms..."), ok("call_a2", "gpt-oss-20b", "It is irrational.")];
    const { response, seen } = await decide(() => ({ toolCalls: [{ name: "select_response", arguments: { model_call_name: "call_gpt_5" } }] }),
      { turn: 2, outcomes });
    expect(response.action).toBe("select");
    expect(response.select?.call_id).toBe("call_a1");
    const messages = seen[0]!.body.messages;
    const assistant = messages.find((m) => m.role === "assistant")!;
    expect(assistant.tool_calls!.map((t) => [t.id, t.function.name])).toEqual([["call_a1", "call_gpt_5"], ["call_a2", "call_gpt_oss_20b"]]);
    expect(messages.filter((m) => m.role === "tool").map((m) => [m.tool_call_id, m.content])).toEqual([
      ["call_a1", "Assume p/q in lowest terms..."], ["call_a2", "It is irrational."],
    ]);
    expect(seen[0]!.body.tools!.at(-1)!.function.name).toBe("select_response");
  });

  it("answers directly with the reasoning block stripped", async () => {
    const { response } = await decide(() => ({ content: "<think>\nA greeting; no model needed.\n</think>\n\nHello! How can I help?" }),
      { messages: [{ role: "user", content: "hello" }] });
    expect(response.action).toBe("answer");
    expect(response.answer?.content).toBe("Hello! How can I help?");
    expect(response.routing_strategy).toBe("xrouter:direct");
  });

  it("handles an unknown tool as a failed turn: one corrected retry, then the cheapest model", async () => {
    const fixed = await decide((req) => (isRetry(req) ? { toolCalls: [call("call_gpt_5", "Prove it.")] } : { toolCalls: [call("call_gpt_9", "Prove it.")] }));
    expect(fixed.seen).toHaveLength(2);
    const correction = fixed.seen[1]!.body.messages.find((m) => m.role === "tool");
    expect(correction?.content).toMatch(/call_gpt_9 is not an offered tool/);
    expect(fixed.response.call?.calls.map((c) => c.model_id)).toEqual(["gpt-5"]);
    expect(fixed.response.rationale).toMatch(/after a correction/);

    const stubborn = await decide(() => ({ toolCalls: [call("call_gpt_9", "Prove it.")] }));
    expect(stubborn.seen).toHaveLength(2);
    expect(stubborn.response.routing_strategy).toBe("xrouter:fallback-cheapest");
    expect(stubborn.response.call).toMatchObject({ calls: [{ model_id: "gpt-oss-20b", max_tokens: 512 }], final_if_ok: true });
    expect(stubborn.response.call?.calls[0]?.system_prompt).toBe("");
    expect(stubborn.response.rationale).toMatch(/no usable reply in 2 attempts.*call_gpt_9/);
  });

  it("handles malformed arguments and a missing prompt as failed turns, and reads raw hermes text", async () => {
    const { response, seen } = await decide((req) => (isRetry(req)
      ? { rawHermes: true, toolCalls: [call("call_claude_haiku_4_5", "Write the proof.")] }
      : { toolCalls: [{ name: "call_gpt_5", arguments: '{"optimized_system_prompt": "unterminated' }, call("call_gpt_4o_mini", undefined, 0.5)] }));
    expect(seen).toHaveLength(2);
    const errors = seen[1]!.body.messages.filter((m) => m.role === "tool").map((m) => m.content);
    expect(errors[0]).toMatch(/not valid JSON/);
    expect(errors[1]).toMatch(/needs a non-empty optimized_system_prompt/);
    expect(response.call?.calls.map((c) => [c.model_id, c.system_prompt])).toEqual([["claude-haiku-4.5", "Write the proof."]]);
  });

  it("at the turn limit offers only select_response and falls back to the latest successful answer", async () => {
    const outcomes = [ok("call_t1", "gpt-oss-20b", "draft"), ok("call_t2", "gpt-5", "final proof", 2)];
    const { response, seen } = await decide(() => ({ toolCalls: [call("call_gpt_5", "Once more.")] }), { turn: 3, outcomes });
    expect(seen.every((r) => r.body.tools!.map((t) => t.function.name).join() === "select_response")).toBe(true);
    expect(response.action).toBe("select");
    expect(response.select?.call_id).toBe("call_t2");
    expect(response.routing_strategy).toBe("xrouter:fallback-select");
  });

  it("puts the router's own tokens in the decision at its price ($0.04 / $0.10 per 1M), estimated when unreported", async () => {
    const { response } = await decide(() => ({ toolCalls: [call("call_gpt_oss_20b", "Prove it.")], usage: { prompt: 1234, completion: 56 } }));
    expect(response.router_usage).toMatchObject({ input_tokens: 1234, output_tokens: 56, estimated: false });
    expect(response.router_cost_nanousd).toBe(1234 * 40 + 56 * 100);
    const estimated = (await decide(() => ({ content: "Hi!", usage: null }), { messages: [{ role: "user", content: "hi" }] })).response;
    expect(estimated.router_usage?.estimated).toBe(true);
    expect(estimated.router_cost_nanousd).toBe(estimated.router_usage!.input_tokens * 40 + estimated.router_usage!.output_tokens * 100);
    expect(estimated.router_cost_nanousd).toBeGreaterThan(0);
  });

  it("in simple mode makes one call whose answer is final, without select_response", async () => {
    const { response, seen } = await decide(() => ({ toolCalls: [call("call_gemini_2_5_flash", "Prove it.")] }), { hints: { policy: "xrouter-simple" } });
    expect(response.policy).toBe("xrouter-simple");
    expect(response.call?.final_if_ok).toBe(true);
    expect(seen[0]!.body.tools!.some((t) => t.function.name === "select_response")).toBe(false);
  });

  it("answers UNAVAILABLE when the router model does not answer in time or cannot be reached", async () => {
    const code = async (promise: Promise<unknown>) => {
      const error = await promise.then(() => undefined, (e: unknown) => e);
      if (!isServiceError(error)) throw new Error(`expected a gRPC error, got ${String(error)}`);
      return error;
    };
    vllm.setScript(() => ({ hang: true }));
    const timeout = await code(client.decide(base));
    expect(timeout.code).toBe(grpc.status.UNAVAILABLE);
    expect(timeout.details).toMatch(/routing model could not be reached/);
    await vllm.close();
    expect((await code(client.decide(base))).code).toBe(grpc.status.UNAVAILABLE);
    expect(policy.logs.join("\n")).toMatch(/router model unavailable/);
  });
});

describe("xrouter through the whole system", () => {
  let vllm: FakeVllm;
  let system: RunningSystem;

  beforeAll(async () => {
    vllm = await startFakeVllm();
    system = await startSystem("xrouter", {
      env: { XROUTER_ROUTER_LLM_URL: vllm.url, XROUTER_ROUTER_LLM_MODEL: "xrouter-7b", XROUTER_POLICY_DEFAULT: "xrouter" },
    });
  }, 120_000);

  afterAll(async () => {
    await system?.stop();
    await vllm?.close();
  });

  it("calls two models, selects one on turn 2, and reports the router's cost and the call history", async () => {
    vllm.setScript((req) => (req.body.messages.some((m) => m.role === "tool")
      ? { toolCalls: [{ name: "select_response", arguments: { model_call_name: "call_gpt_5_mini" } }], usage: { prompt: 1500, completion: 20 } }
      : { toolCalls: [call("call_gpt_5_nano", "Answer in one line."), call("call_gpt_5_mini", "Answer carefully.", 0.1)], usage: { prompt: 800, completion: 60 } }));
    const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
    const completion = await client.chat.completions.create({
      model: "router", messages: [{ role: "user", content: "What is 17 * 23?" }], router: { include_prompts: true },
    } as OpenAI.ChatCompletionCreateParamsNonStreaming) as OpenAI.ChatCompletion & { router_metadata: Record<string, any> };
    const meta = completion.router_metadata;
    expect(completion.model).toBe("gpt-5-mini");
    expect(completion.choices[0]!.message.content).toBe("Fake answer from gpt-5-mini to: What is 17 * 23?");
    expect(meta.policy).toBe("xrouter");
    expect(meta.routing_strategy).toBe("xrouter:select");
    expect(meta.turns_used).toBe(2);
    expect(meta.router_cost).toBeGreaterThan(0);
    expect(meta.router_cost).toBeCloseTo((800 * 40 + 60 * 100 + 1500 * 40 + 20 * 100) / 1e9, 12);
    expect(meta.call_history.map((h: any) => [h.model, h.turn, h.status, h.system_prompt])).toEqual(expect.arrayContaining([
      ["gpt-5-nano", 1, "ok", "Answer in one line."], ["gpt-5-mini", 1, "ok", "Answer carefully."],
    ]));
    expect(meta.call_history).toHaveLength(2);
    // turn 2's router request carried both answers back as the results of its own tool calls
    const results = vllm.requests[1]!.body.messages.filter((m) => m.role === "tool").map((m) => m.content).sort();
    expect(results).toEqual(["Fake answer from gpt-5-mini to: What is 17 * 23?", "Fake answer from gpt-5-nano to: What is 17 * 23?"]);
  });
});
