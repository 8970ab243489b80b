import { describe, expect, it } from "vitest";
import {
  loadCatalog, XRouterError, type DecideRequest, type DecideResponse__Output, type ProviderCall, type ProviderResult__Output,
} from "../../../common/src/index.js";
import { orchestrate, type OrchestratorPorts, type RoutingContext } from "./orchestrator.js";

const catalog = loadCatalog("xrouter");
const candidates = ["gpt-5", "gpt-5-mini", "gpt-5-nano"].map((id) => catalog.get(id)!);

function context(overrides: Partial<RoutingContext> = {}): RoutingContext {
  return {
    requestId: "req1", tenantId: "t", keyId: "k", messages: [{ role: "user", content: "hello" }],
    params: { max_tokens: 0, stop: [], n: 1 }, candidates, hints: {}, maxTurns: 3, defaultMaxTokens: 100,
    maxParallelCalls: 4, ...overrides,
  };
}

const ok = (call: ProviderCall, content: string): ProviderResult__Output => ({
  call_id: call.call_id!, request_id: call.request_id!, model_id: call.model_id!, provider: call.provider!,
  status: "CALL_STATUS_OK", content, tool_calls: [], finish_reason: "stop", cost_nanousd: 1000, latency_ms: 5, attempts: 1,
  usage: { input_tokens: 10, output_tokens: 5, cached_input_tokens: 0, reasoning_tokens: 0, cache_write_tokens: 0, estimated: false },
  error: null, executor_id: "e", response_model: call.upstream_model!, simulated: false, execution: 1,
});

const failed = (call: ProviderCall): ProviderResult__Output => ({
  ...ok(call, ""), status: "CALL_STATUS_FAILED", cost_nanousd: 0, usage: null,
  error: { code: "provider_error", message: "boom", upstream_status: 500, retryable: false },
});

const callDecision = (model: string): DecideResponse__Output => ({
  action: "call", call: { calls: [{ model_id: model, system_prompt: "", max_tokens: 0 }], final_if_ok: true },
  policy: "test", routing_strategy: "test", router_usage: null, router_cost_nanousd: 0, rationale: "",
});

function ports(decide: (r: DecideRequest) => DecideResponse__Output, execute: (c: ProviderCall) => ProviderResult__Output,
  reserveOk = true): OrchestratorPorts & { calls: ProviderCall[]; reservations: number[] } {
  let n = 0;
  const calls: ProviderCall[] = [];
  const reservations: number[] = [];
  return {
    calls, reservations,
    decide: async (r) => decide(r),
    dispatch: async (cs) => { calls.push(...cs); return cs.map(execute); },
    reserve: async (r) => { reservations.push(r.amountNanoUsd); return { ok: reserveOk, reason: "total budget exceeded" }; },
    unreserve: async () => undefined,
    newCallId: () => `c${++n}`,
    now: () => 0,
  };
}

describe("orchestrate", () => {
  it("answers with the model the policy chose, in one turn, with its cost", async () => {
    const p = ports(() => callDecision("gpt-5-nano"), (c) => ok(c, "hi there"));
    const answer = await orchestrate(context(), p);
    expect(answer.modelUsed).toBe("gpt-5-nano");
    expect(answer.content).toBe("hi there");
    expect(answer.turnsUsed).toBe(1);
    expect(answer.targetCostNanoUsd).toBe(1000);
    expect(p.calls[0]!.params!.max_tokens).toBe(100);
  });

  it("falls back to the next choice when a model fails, and reports both calls", async () => {
    const p = ports((r) => callDecision(r.outcomes!.length === 0 ? "gpt-5-nano" : "gpt-5-mini"),
      (c) => (c.model_id === "gpt-5-nano" ? failed(c) : ok(c, "second")));
    const answer = await orchestrate(context(), p);
    expect(answer.modelUsed).toBe("gpt-5-mini");
    expect(answer.turnsUsed).toBe(2);
    expect(answer.callHistory.map((h) => h.status)).toEqual(["failed", "ok"]);
  });

  it("selects an earlier answer when the policy says so", async () => {
    const p = ports((r) => r.turn === 1
      ? { ...callDecision("gpt-5"), call: { calls: [{ model_id: "gpt-5", system_prompt: "x", max_tokens: 0 }, { model_id: "gpt-5-nano", system_prompt: "", max_tokens: 0 }], final_if_ok: false } }
      : { ...callDecision("gpt-5"), action: "select", select: { call_id: r.outcomes![1]!.call_id! } },
    (c) => ok(c, `from ${c.model_id}`));
    const answer = await orchestrate(context(), p);
    expect(answer.content).toBe("from gpt-5-nano");
    expect(answer.targetCostNanoUsd).toBe(2000);
    expect(p.calls[0]!.messages![0]!.role).toBe("system");
  });

  it("stops at the turn limit with a 502 when every call fails", async () => {
    const p = ports(() => callDecision("gpt-5-nano"), failed);
    await expect(orchestrate(context(), p)).rejects.toMatchObject({ status: 502 });
    expect(p.calls).toHaveLength(3);
  });

  it("reserves the worst-case cost when a budget applies and answers 402 when it is denied", async () => {
    const p = ports(() => callDecision("gpt-5"), (c) => ok(c, "x"), false);
    const error = await orchestrate(context({ remainingBudgetNanoUsd: 10 }), p).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(XRouterError);
    expect((error as XRouterError).status).toBe(402);
    expect(p.calls).toHaveLength(0);
    // 100 output tokens at gpt-5's $10/1M = 1,000,000 nano-USD, plus the input estimate
    expect(p.reservations[0]).toBeGreaterThan(1_000_000);
  });

  it("gives back the holds of a turn's calls and sends none when the ledger cannot hold one of them", async () => {
    const twoCalls: DecideResponse__Output = {
      ...callDecision("gpt-5"),
      call: { calls: [{ model_id: "gpt-5", system_prompt: "", max_tokens: 0 }, { model_id: "gpt-5-mini", system_prompt: "", max_tokens: 0 }], final_if_ok: false },
    };
    const p = ports(() => twoCalls, (c) => ok(c, "x"));
    const unreserved: string[] = [];
    p.reserve = async (r) => {
      if (r.modelId === "gpt-5-mini") throw new Error("ledger unreachable");
      return { ok: true, reason: "" };
    };
    p.unreserve = async (id) => { unreserved.push(id); };
    await expect(orchestrate(context({ remainingBudgetNanoUsd: 10 ** 12 }), p)).rejects.toThrow("ledger unreachable");
    expect(p.calls).toHaveLength(0);
    expect(unreserved).toEqual(["c1"]);
  });

  it("names the budget lease a call's worst case was drawn from on the call, for its records", async () => {
    const p = ports(() => callDecision("gpt-5"), (c) => ok(c, "x"));
    p.reserve = async () => ({ ok: true, reason: "", budgetLeaseId: "lease_1" });
    await orchestrate(context({ remainingBudgetNanoUsd: 10 ** 12 }), p);
    expect(p.calls.map((c) => c.budget_lease_id)).toEqual(["lease_1"]);
  });

  it("calls a pinned model without asking the policy", async () => {
    const p = ports(() => { throw new Error("policy must not be asked"); }, (c) => ok(c, "pinned"));
    const answer = await orchestrate(context({ pinnedModel: catalog.get("gpt-4o")! }), p);
    expect(answer.modelUsed).toBe("gpt-4o");
    expect(answer.routingStrategy).toBe("pinned:gpt-4o");
  });
});
