import { describe, expect, it } from "vitest";
import { CallStatus } from "../../../../common/src/index.js";
import { NoCandidateError } from "../backend.js";
import { RouterUnavailableError } from "../errors.js";
import { candidate, hints, outcome, params, request } from "../test-fixtures.js";
import type { RouterChatReply, RouterChatRequest, RouterLlm } from "../xrouter/types.js";
import { routerMaxTokens, XRouterBackend } from "./xrouter.js";

type Step = Partial<RouterChatReply> & { calls?: Array<[string, object | string]> };

/** Answers each request with the next scripted step and keeps the requests. */
class ScriptedLlm implements RouterLlm {
  readonly seen: RouterChatRequest[] = [];
  constructor(private readonly steps: Array<Step | Error>) {}
  async complete(chat: RouterChatRequest): Promise<RouterChatReply> {
    this.seen.push(structuredClone(chat));
    const step = this.steps.shift();
    if (!step) throw new Error("script exhausted");
    if (step instanceof Error) throw step;
    const usage = "usage" in step ? step.usage : { promptTokens: 1000, completionTokens: 100 };
    return {
      content: step.content ?? null, finishReason: "stop", ...(usage ? { usage } : {}),
      toolCalls: step.toolCalls ?? (step.calls ?? []).map(([name, args], i) => ({
        id: `t${i}`, type: "function", function: { name, arguments: typeof args === "string" ? args : JSON.stringify(args) },
      })),
    };
  }
}

const price = { input_nanousd_per_token: 40, output_nanousd_per_token: 100 };
const agent = (steps: Array<Step | Error>) => {
  const llm = new ScriptedLlm(steps);
  return { llm, backend: new XRouterBackend(llm, { mode: "agent", price }) };
};
const candidates = [candidate("gpt-5", { input: 1250, output: 10_000 }), candidate("gpt-5-nano", { input: 50, output: 400 })];
const ok = (id: string, model: string, turn = 1) => ({ ...outcome(id, model, CallStatus.CALL_STATUS_OK), turn, content: `answer of ${model}` });

describe("XRouterBackend", () => {
  it("is named xrouter in agent mode and xrouter-simple in simple mode", () => {
    expect(agent([]).backend.name).toBe("xrouter");
    expect(new XRouterBackend(new ScriptedLlm([]), { mode: "simple", price }).name).toBe("xrouter-simple");
  });

  it("turns the router's tool calls into model calls, priced at the router's rate", async () => {
    const { llm, backend } = agent([{ calls: [["call_gpt_5_nano", { optimized_system_prompt: "Be brief.", temperature: 0.3 }]] }]);
    const response = await backend.decide(request({ candidates }));
    expect(response.call).toEqual({ calls: [{ model_id: "gpt-5-nano", system_prompt: "Be brief.", temperature: 0.3, max_tokens: 4096 }], final_if_ok: false });
    expect(response.routing_strategy).toBe("xrouter:call");
    expect(response.router_usage).toMatchObject({ input_tokens: 1000, output_tokens: 100, estimated: false });
    expect(response.router_cost_nanousd).toBe(1000 * 40 + 100 * 100);
    expect(llm.seen[0]!.tools.map((t) => t.function.name)).toEqual(["call_gpt_5", "call_gpt_5_nano"]);
    expect(llm.seen[0]!.temperature).toBe(0);
  });

  it("retries once with the reason, and bills both router requests", async () => {
    const { llm, backend } = agent([{ calls: [["call_gpt_6", { optimized_system_prompt: "x" }]] }, { calls: [["call_gpt_5", { optimized_system_prompt: "y" }]] }]);
    const response = await backend.decide(request({ candidates }));
    expect(response.call?.calls?.map((c) => c.model_id)).toEqual(["gpt-5"]);
    expect(response.rationale).toMatch(/after a correction \(call_gpt_6 is not an offered tool/);
    expect(llm.seen).toHaveLength(2);
    const retry = llm.seen[1]!.messages;
    expect(retry.at(-2)).toEqual({ role: "tool", tool_call_id: "t0", content: expect.stringContaining("call_gpt_6 is not an offered tool") });
    expect(response.router_cost_nanousd).toBe(2 * (1000 * 40 + 100 * 100));
  });

  it("falls back to the cheapest eligible model after two unusable replies, saying why", async () => {
    const { backend } = agent([{ calls: [["call_gpt_5", "{not json"]] }, { content: "" }]);
    const response = await backend.decide(request({ candidates }));
    expect(response.call).toEqual({ calls: [{ model_id: "gpt-5-nano", max_tokens: 4096 }], final_if_ok: true });
    expect(response.routing_strategy).toBe("xrouter:fallback-cheapest");
    expect(response.rationale).toMatch(/no usable reply in 2 attempts \(the reply was empty/);
    expect(response.router_cost_nanousd).toBe(2 * 50_000);
  });

  it("uses the valid calls of a second reply that also has invalid ones", async () => {
    const { backend } = agent([{ content: "" }, { calls: [["call_gpt_5", { optimized_system_prompt: "P" }], ["call_x", {}]] }]);
    const response = await backend.decide(request({ candidates }));
    expect(response.call?.calls?.map((c) => c.model_id)).toEqual(["gpt-5"]);
    expect(response.rationale).toMatch(/ignored 1 invalid tool call/);
  });

  it("selects, answers directly and synthesises", async () => {
    const outcomes = [ok("call_1", "gpt-5"), ok("call_2", "gpt-5-nano")];
    const select = await agent([{ calls: [["select_response", { model_call_name: "call_gpt_5_nano" }]] }]).backend.decide(request({ candidates, outcomes, turn: 2 }));
    expect(select.select).toEqual({ call_id: "call_2" });
    expect(select.routing_strategy).toBe("xrouter:select");
    const direct = await agent([{ content: "<think>trivial</think>Hi there!" }]).backend.decide(request({ candidates }));
    expect(direct.answer).toEqual({ content: "Hi there!" });
    expect(direct.routing_strategy).toBe("xrouter:direct");
    const synthesis = await agent([{ content: "Both agree: Paris." }]).backend.decide(request({ candidates, outcomes, turn: 2 }));
    expect(synthesis.routing_strategy).toBe("xrouter:synthesis");
  });

  it("on the last turn offers only select_response and falls back to the latest OK answer", async () => {
    const outcomes = [ok("call_1", "gpt-5-nano"), ok("call_2", "gpt-5", 2)];
    const again = { calls: [["call_gpt_5", { optimized_system_prompt: "more" }]] as Array<[string, object]> };
    const { llm, backend } = agent([again, again]);
    const response = await backend.decide(request({ candidates, outcomes, turn: 3, max_turns: 3 }));
    expect(llm.seen[0]!.tools.map((t) => t.function.name)).toEqual(["select_response"]);
    expect(response.select).toEqual({ call_id: "call_2" });
    expect(response.routing_strategy).toBe("xrouter:fallback-select");
    expect(response.router_cost_nanousd).toBeGreaterThan(0);
  });

  it("still lets the router select when no model is affordable any more, and refuses when nothing was answered", async () => {
    const broke = { candidates, remaining_budget_nanousd: 1, params: params({ max_tokens: 100 }) };
    const { llm, backend } = agent([{ calls: [["select_response", { model_call_name: "gpt-5-nano" }]] }]);
    const response = await backend.decide(request({ ...broke, outcomes: [ok("call_1", "gpt-5-nano")], turn: 2 }));
    expect(response.select).toEqual({ call_id: "call_1" });
    expect(llm.seen[0]!.tools.map((t) => t.function.name)).toEqual(["select_response"]);
    await expect(agent([]).backend.decide(request(broke))).rejects.toBeInstanceOf(NoCandidateError);
  });

  it("in simple mode makes one final call, and selects a returned answer without asking the router", async () => {
    const llm = new ScriptedLlm([{ calls: [["call_gpt_5", { optimized_system_prompt: "A" }], ["call_gpt_5_nano", { optimized_system_prompt: "B" }]] }]);
    const simple = new XRouterBackend(llm, { mode: "simple", price });
    const first = await simple.decide(request({ candidates }));
    expect(first.call?.calls?.map((c) => c.model_id)).toEqual(["gpt-5"]);
    expect(first.call?.final_if_ok).toBe(true);
    expect(first.policy).toBe("xrouter-simple");
    expect(llm.seen[0]!.tools.some((t) => t.function.name === "select_response")).toBe(false);
    const again = await simple.decide(request({ candidates, outcomes: [ok("call_1", "gpt-5")], turn: 2 }));
    expect(again.select).toEqual({ call_id: "call_1" });
    expect(again.router_cost_nanousd).toBe(0);
    expect(llm.seen).toHaveLength(1);
  });

  it("estimates the router's tokens when the endpoint reports none", async () => {
    const { backend } = agent([{ content: "Hello!", usage: undefined }]);
    const response = await backend.decide(request({ candidates }));
    expect(response.router_usage?.estimated).toBe(true);
    expect(Number(response.router_usage?.input_tokens)).toBeGreaterThan(100);
    expect(Number(response.router_usage?.output_tokens)).toBeGreaterThan(0);
    expect(response.router_cost_nanousd).toBe(Number(response.router_usage!.input_tokens) * 40 + Number(response.router_usage!.output_tokens) * 100);
  });

  it("lets an unreachable router surface as RouterUnavailableError, unless it goes away during the correction; honours allow lists", async () => {
    const down = agent([new RouterUnavailableError("refused", "connect")]);
    await expect(down.backend.decide(request({ candidates }))).rejects.toBeInstanceOf(RouterUnavailableError);
    const midway = agent([{ content: "" }, new RouterUnavailableError("reset", "connect")]);
    const fallback = await midway.backend.decide(request({ candidates }));
    expect(fallback.routing_strategy).toBe("xrouter:fallback-cheapest");
    expect(fallback.router_cost_nanousd).toBe(50_000);
    const { llm, backend } = agent([{ content: "ok" }]);
    await backend.decide(request({ candidates, hints: hints({ allow_models: ["gpt-5"] }) }));
    expect(llm.seen[0]!.tools.map((t) => t.function.name)).toEqual(["call_gpt_5"]);
  });

  it("does not let the router answer itself when the application sent tools", async () => {
    const withTools = params({ tools_json: '[{"type":"function","function":{"name":"get_weather"}}]' });
    const { llm, backend } = agent([{ content: "Sunny." }, { calls: [["call_gpt_5", { optimized_system_prompt: "Use the tools." }]] }]);
    const response = await backend.decide(request({ candidates, params: withTools }));
    expect(response.call?.calls?.map((c) => c.model_id)).toEqual(["gpt-5"]);
    expect(llm.seen[0]!.messages[0]!.content).toMatch(/tools of its own/);
  });

  it("gives the router room for a prompt or an answer, within bounds", () => {
    expect(routerMaxTokens(request())).toBe(4096);
    expect(routerMaxTokens(request({ params: params({ max_tokens: 50 }) }))).toBe(1024);
    expect(routerMaxTokens(request({ params: params({ max_tokens: 100_000 }) }))).toBe(8192);
  });
});
