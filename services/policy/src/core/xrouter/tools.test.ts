import { describe, expect, it } from "vitest";
import { CallStatus } from "../../../../common/src/index.js";
import { eligibleModels } from "../candidates.js";
import { candidate, outcome, request } from "../test-fixtures.js";
import { baseToolName, buildToolset, describeModel, SELECT_TOOL } from "./tools.js";

const candidates = [
  candidate("gpt-4.1-mini", { tier: "standard", input: 400, output: 1600 }),
  candidate("gpt-4_1-mini", { tier: "budget" }),
  candidate("meta-llama/Llama-3.3-70B", { tier: "standard" }),
];

function toolset(outcomes: ReturnType<typeof outcome>[] = [], offerSelect = true) {
  const r = request({ candidates, outcomes });
  return buildToolset({ candidates, callable: eligibleModels(r).models, outcomes, offerSelect });
}

describe("tool names", () => {
  it("are call_ plus the model id with every character outside [A-Za-z0-9_] as _", () => {
    expect(baseToolName("gpt-4.1-mini")).toBe("call_gpt_4_1_mini");
    expect(baseToolName("meta-llama/Llama-3.3-70B")).toBe("call_meta_llama_Llama_3_3_70B");
    expect(baseToolName("x".repeat(100))).toHaveLength(64);
  });

  it("stay distinct when two ids collapse to the same name, the first in candidate order keeping the plain one", () => {
    const set = toolset();
    expect(set.toolByModel.get("gpt-4.1-mini")).toBe("call_gpt_4_1_mini");
    expect(set.toolByModel.get("gpt-4_1-mini")).toBe("call_gpt_4_1_mini_2");
    expect(set.modelByTool.get("call_gpt_4_1_mini_2")).toBe("gpt-4_1-mini");
  });
});

describe("buildToolset", () => {
  it("offers one call tool per callable model, with the optimized_system_prompt required and a bounded temperature", () => {
    const set = toolset();
    expect(set.tools.map((t) => t.function.name)).toEqual(["call_gpt_4_1_mini", "call_gpt_4_1_mini_2", "call_meta_llama_Llama_3_3_70B"]);
    const params = set.tools[0]!.function.parameters as { required: string[]; properties: Record<string, { type: string; maximum?: number }> };
    expect(params.required).toEqual(["optimized_system_prompt"]);
    expect(params.properties.optimized_system_prompt!.type).toBe("string");
    expect(params.properties.temperature).toMatchObject({ type: "number", maximum: 2 });
  });

  it("describes each model's price per 1M tokens, tier and strengths", () => {
    const model = eligibleModels(request({ candidates: [{ ...candidates[0]!, description: "Fast and good at code" }] })).models[0]!;
    const text = describeModel(model);
    expect(text).toContain("$0.4 input, $1.6 output");
    expect(text).toContain("standard tier");
    expect(text).toContain("Strengths: Fast and good at code.");
    // 17 estimated input tokens at 400 nano-USD + 256 typical output tokens at 1600 = 416,400 nano-USD
    expect(text).toMatch(/costs about \$0\.0004\d with it \(at most \$0\.00\d+\)/);
  });

  it("offers select_response only once an answer exists, naming the tools that answered", () => {
    expect(toolset().selectOffered).toBe(false);
    const set = toolset([outcome("c1", "gpt-4.1-mini", CallStatus.CALL_STATUS_OK), outcome("c2", "gpt-4_1-mini", CallStatus.CALL_STATUS_FAILED)]);
    const select = set.tools.find((t) => t.function.name === SELECT_TOOL)!;
    expect((select.function.parameters as any).properties.model_call_name.enum).toEqual(["call_gpt_4_1_mini"]);
    expect(set.selectable.get("call_gpt_4_1_mini")?.call_id).toBe("c1");
    // the failed model is no longer callable
    expect(set.callable.has("call_gpt_4_1_mini_2")).toBe(false);
    expect(toolset([outcome("c1", "gpt-4.1-mini", CallStatus.CALL_STATUS_OK)], false).selectOffered).toBe(false);
  });

  it("keeps the latest OK outcome per tool and names models that are no longer candidates", () => {
    const outcomes = [outcome("c1", "gpt-4.1-mini", CallStatus.CALL_STATUS_OK), outcome("c2", "gpt-4.1-mini", CallStatus.CALL_STATUS_OK),
      outcome("c3", "retired-model", CallStatus.CALL_STATUS_OK)];
    const set = toolset(outcomes);
    expect(set.selectable.get("call_gpt_4_1_mini")?.call_id).toBe("c2");
    expect(set.toolByModel.get("retired-model")).toBe("call_retired_model");
  });
});
