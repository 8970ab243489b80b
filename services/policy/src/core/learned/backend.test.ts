import { describe, expect, it } from "vitest";
import { CallStatus } from "../../../../common/src/index.js";
import { NoCandidateError } from "../backend.js";
import { candidate, hints, outcome, request } from "../test-fixtures.js";
import { LearnedPolicyBackend } from "./backend.js";
import { trainPolicy } from "./fit.js";
import { argmaxReward, expectedReward } from "./model.js";
import { codePrompt, quizPrompt, SYNTHETIC_MODELS, syntheticCandidates, syntheticData, syntheticOptions } from "./test-support.js";

const data = syntheticData();
const backend = new LearnedPolicyBackend(trainPolicy(data.records, data.models, syntheticOptions({ lambda: 1000 })));
const user = (content: string) => [{ role: "user", content, content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] }];
const ask = (prompt: string, extra: Parameters<typeof request>[0] = {}) =>
  backend.decide(request({ messages: user(prompt), candidates: syntheticCandidates(), ...extra })) as ReturnType<LearnedPolicyBackend["decide"]> & object;
const called = (r: ReturnType<typeof ask>) => ("call" in r ? r.call?.calls?.[0]?.model_id : undefined);

describe("expected reward", () => {
  it("follows xRouter: score x (k - min(lambda x cost, cost_max))", () => {
    expect(expectedReward(0.8, 0.01, { lambda: 10, costMax: 0.7, k: 1 })).toBeCloseTo(0.72);
    expect(expectedReward(0.8, 1, { lambda: 10, costMax: 0.7, k: 1 })).toBeCloseTo(0.24);
  });

  it("breaks ties towards the cheaper option", () => {
    expect(argmaxReward([0.5, 0.5], [2, 1], { lambda: 10, costMax: 1, k: 1 })).toBe(1);
  });
});

describe("LearnedPolicyBackend", () => {
  it("calls the best-value model per task type, with its answer final", () => {
    const quiz = ask(quizPrompt(5000));
    expect(called(quiz)).toBe("cheap");
    expect(quiz.call?.final_if_ok).toBe(true);
    expect(quiz.policy).toBe("learned");
    expect(quiz.routing_strategy).toBe("learned:lambda=1000");
    expect(called(ask(codePrompt(5001)))).toBe("mid");
  });

  it("takes lambda and cost_max from the hints", () => {
    const r = ask(codePrompt(5001), { hints: hints({ cost_weight: 0 }) });
    expect(called(r)).toBe("premium");
    expect(r.routing_strategy).toBe("learned:lambda=0");
    expect(called(ask(codePrompt(5001), { hints: hints({ cost_weight: 1e6, cost_cap: 1 }) }))).toBe("cheap");
  });

  it("selects an answer that already succeeded", () => {
    const r = ask(codePrompt(1), { outcomes: [outcome("c1", "mid", CallStatus.CALL_STATUS_OK)] });
    expect(r.select?.call_id).toBe("c1");
  });

  it("moves on to the next best model after a failure", () => {
    const r = ask(codePrompt(5001), { outcomes: [outcome("c1", "mid", CallStatus.CALL_STATUS_FAILED)] });
    expect(called(r)).toBe("premium");
  });

  it("respects the caller's candidate list and ignores models it does not know", () => {
    const only = syntheticCandidates().filter((c) => c.model_id !== "cheap");
    expect(called(ask(quizPrompt(5000), { candidates: [candidate("unknown-model", { input: 1, output: 1 }), ...only] }))).toBe("mid");
  });

  it("falls back to the cheapest candidate when it knows none", () => {
    const r = ask(quizPrompt(1), { candidates: [candidate("x", { input: 500, output: 500 }), candidate("y", { input: 5, output: 5 })] });
    expect(called(r)).toBe("y");
    expect(r.routing_strategy).toBe("learned:fallback-cheapest");
  });

  it("throws NoCandidateError when nothing is left", () => {
    expect(() => ask(quizPrompt(1), { candidates: [] })).toThrow(NoCandidateError);
  });

  it("ignores unusable hint values", () => {
    expect(backend.rewardParams(hints({ cost_weight: Number.NaN, cost_cap: -1 }))).toEqual({ lambda: 1000, costMax: 0.7, k: 1 });
  });
});

describe("modes", () => {
  it("cheap and quality move lambda a decade from the artifact's default; a cost weight overrides the mode", () => {
    const backend = new LearnedPolicyBackend(trainPolicy(syntheticData().records, [...SYNTHETIC_MODELS], syntheticOptions({ lambda: 20 })));
    expect(backend.rewardParams(hints({ mode: "cheap" })).lambda).toBe(200);
    expect(backend.rewardParams(hints({ mode: "quality" })).lambda).toBe(2);
    expect(backend.rewardParams(hints({ mode: "balanced" })).lambda).toBe(20);
    expect(backend.rewardParams(hints({ mode: "cheap", cost_weight: 5 })).lambda).toBe(5);
  });
});
