import { describe, expect, it } from "vitest";
import { CallStatus, estimateInputTokens, worstCaseCostNano } from "../../../common/src/index.js";
import { NoCandidateError } from "./backend.js";
import { eligibleModels, TYPICAL_OUTPUT_TOKENS } from "./candidates.js";
import { candidate, hints, outcome, params, request } from "./test-fixtures.js";

const ids = (r: ReturnType<typeof request>) => eligibleModels(r).models.map((m) => m.candidate.model_id);

function noCandidate(r: ReturnType<typeof request>): NoCandidateError {
  try {
    eligibleModels(r);
  } catch (error) {
    expect(error).toBeInstanceOf(NoCandidateError);
    return error as NoCandidateError;
  }
  throw new Error("expected NoCandidateError");
}

const three = [candidate("a"), candidate("b"), candidate("c")];

describe("eligibleModels", () => {
  it("keeps only allowed models and drops denied ones", () => {
    expect(ids(request({ candidates: three, hints: hints({ allow_models: ["a", "c"] }) }))).toEqual(["a", "c"]);
    expect(ids(request({ candidates: three, hints: hints({ deny_models: ["b"] }) }))).toEqual(["a", "c"]);
    expect(ids(request({ candidates: three, hints: hints({ allow_models: ["a", "b"], deny_models: ["a"] }) }))).toEqual(["b"]);
  });

  it("drops models whose call failed, whatever the failure, and keeps ones that answered", () => {
    const outcomes = [
      outcome("c1", "a", CallStatus.CALL_STATUS_FAILED),
      outcome("c2", "b", CallStatus.CALL_STATUS_TIMEOUT),
      outcome("c3", "c", CallStatus.CALL_STATUS_OK),
    ];
    expect(ids(request({ candidates: three, outcomes }))).toEqual(["c"]);
  });

  it("drops models whose context window cannot hold the input plus max_tokens", () => {
    const r = request({ params: params({ max_tokens: 1000 }) });
    const input = estimateInputTokens(r.messages);
    const candidates = [candidate("small", { context: input + 999 }), candidate("exact", { context: input + 1000 })];
    expect(ids({ ...r, candidates })).toEqual(["exact"]);
  });

  it("prices the worst case with params.max_tokens, else the model's output limit capped at 4096", () => {
    const r = request({ candidates: [candidate("big", { maxOutput: 128_000 }), candidate("short", { maxOutput: 1000 })] });
    const input = estimateInputTokens(r.messages);
    const [big, short] = eligibleModels(r).models;
    expect(big!.maxTokens).toBe(4096);
    expect(big!.worstCaseNano).toBe(input * 100 + 4096 * 400);
    expect(short!.maxTokens).toBe(1000);
    const explicit = eligibleModels({ ...r, params: params({ max_tokens: 50 }) }).models[0]!;
    expect(explicit.maxTokens).toBe(50);
    expect(explicit.worstCaseNano).toBe(worstCaseCostNano(input, 50, r.candidates[0]!.price!));
    expect(explicit.expectedNano).toBe(input * 100 + TYPICAL_OUTPUT_TOKENS * 400);
  });

  it("drops models whose worst case exceeds the remaining budget", () => {
    const r = request({ params: params({ max_tokens: 100 }) });
    const input = estimateInputTokens(r.messages);
    const cheap = candidate("cheap", { input: 10, output: 10 });
    const dear = candidate("dear", { input: 1000, output: 1000 });
    const fits = input * 10 + 100 * 10;
    expect(ids({ ...r, candidates: [cheap, dear], remaining_budget_nanousd: fits })).toEqual(["cheap"]);
    expect(noCandidate({ ...r, candidates: [cheap, dear], remaining_budget_nanousd: fits - 1 }).reason).toBe("budget");
  });

  it("applies the per-request cap less what earlier calls of the request cost", () => {
    const r = request({ params: params({ max_tokens: 100 }), candidates: [candidate("a", { input: 10, output: 10 })] });
    const worst = estimateInputTokens(r.messages) * 10 + 100 * 10;
    expect(ids({ ...r, hints: hints({ max_cost_nanousd: worst }) })).toEqual(["a"]);
    const spent = [outcome("c1", "other", CallStatus.CALL_STATUS_FAILED, 1)];
    expect(noCandidate({ ...r, hints: hints({ max_cost_nanousd: worst }), outcomes: spent }).reason).toBe("budget");
    expect(noCandidate({ ...r, hints: hints({ max_cost_nanousd: worst - 1 }) }).reason).toBe("budget");
  });

  it("treats an absent budget as no limit and a zero budget as a limit", () => {
    const r = request({ candidates: [candidate("a")] });
    expect(ids(r)).toEqual(["a"]);
    expect(noCandidate({ ...r, remaining_budget_nanousd: 0 }).reason).toBe("budget");
  });

  it("requires tools when tools are sent and json for a structured response format", () => {
    const candidates = [candidate("plain", { capabilities: [] }), candidate("tools", { capabilities: ["tools"] }),
      candidate("both", { capabilities: ["tools", "json"] })];
    const tools = '[{"type":"function","function":{"name":"f"}}]';
    expect(ids(request({ candidates, params: params({ tools_json: tools }) }))).toEqual(["tools", "both"]);
    expect(ids(request({ candidates, params: params({ response_format_json: '{"type":"json_object"}' }) }))).toEqual(["both"]);
    expect(ids(request({ candidates, params: params({ response_format_json: '{"type":"text"}' }) }))).toEqual(["plain", "tools", "both"]);
    expect(ids(request({ candidates, params: null }))).toEqual(["plain", "tools", "both"]);
  });

  it("says exhausted when every model that could serve has failed", () => {
    const outcomes = three.map((c, i) => outcome(`c${i}`, c.model_id, CallStatus.CALL_STATUS_UNAVAILABLE));
    expect(noCandidate(request({ candidates: three, outcomes })).reason).toBe("exhausted");
  });

  it("says budget when a model that has not failed remains but is unaffordable", () => {
    const r = request({ candidates: [candidate("a", { input: 1 }), candidate("b", { input: 1_000_000 })],
      outcomes: [outcome("c1", "a", CallStatus.CALL_STATUS_FAILED)], remaining_budget_nanousd: 10_000_000 });
    expect(noCandidate(r).reason).toBe("budget");
  });

  it("says filtered when hints, capabilities or context exclude everything", () => {
    expect(noCandidate(request({ candidates: [] })).reason).toBe("filtered");
    expect(noCandidate(request({ candidates: three, hints: hints({ allow_models: ["zzz"] }) })).reason).toBe("filtered");
    const noTools = [candidate("a", { capabilities: [] })];
    const err = noCandidate(request({ candidates: noTools, params: params({ tools_json: "[{}]" }) }));
    expect(err.reason).toBe("filtered");
    expect(err.message).toContain("tools");
    expect(noCandidate(request({ candidates: [candidate("a", { context: 10 })] })).reason).toBe("filtered");
  });
});
