// The committed routerbench artifact: it loads, routes by task type as cross-validation says it
// should, and decides fast. Latency is printed, not asserted: CI machines vary.
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { hints, request } from "../test-fixtures.js";
import { loadLearnedPolicy } from "./backend.js";
import { catalogCandidates } from "./evaluate.js";

const ARTIFACT = fileURLToPath(new URL("../../../../../artifacts/routerbench.policy.json", import.meta.url));
const backend = loadLearnedPolicy(ARTIFACT);
const candidates = catalogCandidates("routerbench");
const user = (content: string) => [{ role: "user", content, content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] }];
const choose = (prompt: string, costWeight?: number) => {
  const r = backend.decide(request({
    messages: user(prompt), candidates, hints: hints(costWeight === undefined ? {} : { cost_weight: costWeight }),
  }));
  return "call" in r ? r.call?.calls?.[0]?.model_id : undefined;
};

const MCQ_TAIL = 'Print only a single choice  from "A" or "B" or "C" or "D" without explanation.\nAnswer:';
const shot = (q: string, options: string[], answer?: string) =>
  `${q}\n${options.map((o, i) => `${"ABCD"[i]}) ${o}`).join("\n")}\n${MCQ_TAIL}${answer ? `\n${answer}` : ""}`;
const SCIENCE = [
  shot("Which gas do plants take in from the air to make food?", ["oxygen", "nitrogen", "carbon dioxide", "helium"], "C"),
  shot("What causes day and night on Earth?", ["the Moon's orbit", "Earth's rotation", "the Sun's rotation", "clouds"], "B"),
  shot("Which tool is best for measuring the mass of a rock?", ["a balance", "a ruler", "a thermometer", "a beaker"], "A"),
  shot("Which property of a mineral can be determined just by looking at it?", ["luster", "mass", "hardness", "density"]),
].join("\n\n");
const CODE = "Write a python function to find the second largest number in a list.";

describe("committed routerbench artifact", () => {
  it("is the validated, current format, trained on the whole routerbench dev split", () => {
    const a = backend.model.artifact;
    expect(a.catalog).toBe("routerbench");
    expect(a.trained_on.prompts).toBe(2205);
    expect(a.models).toHaveLength(11);
    expect(candidates.map((c) => c.model_id).sort()).toEqual([...a.models].sort());
  });

  it("recognises the task type of a prompt", () => {
    const tasks = backend.model.artifact.tasks;
    const argmax = (p: Float64Array) => tasks[p.indexOf(Math.max(...p))];
    expect(argmax(backend.model.predict(CODE).tasks)).toBe("mbpp");
    expect(argmax(backend.model.predict(SCIENCE).tasks)).toBe("arc-challenge");
  });

  it("buys quality at lambda 0 and value at the default lambda", () => {
    expect(choose(CODE, 0)).toBe("gpt-4-1106-preview");
    expect(choose(SCIENCE, 0)).toBe("gpt-4-1106-preview");
    expect(choose(CODE)).toBe("gpt-3.5-turbo-1106");
    const cheapScience = choose(SCIENCE, 100);
    expect(["zero-one-ai/Yi-34B-Chat", "mistralai/mixtral-8x7b-chat"]).toContain(cheapScience);
  });

  it("decides in well under a millisecond (printed)", () => {
    const words = "the quick brown fox jumps over the lazy dog while a python function parses json ".split(" ");
    const text = (tokens: number) => Array.from({ length: Math.round(tokens * 0.75) }, (_, i) => words[(i * 7) % words.length]).join(" ");
    for (const tokens of [100, 4000]) {
      // One paragraph: the whole query window is hashed, the worst case for a prompt this long.
      const prompt = `${text(tokens)} question ${tokens}: which option is right?`;
      const req = request({ messages: user(prompt), candidates });
      for (let i = 0; i < 200; i++) backend.decide(req);
      const times: number[] = [];
      for (let i = 0; i < 2000; i++) {
        const t0 = performance.now();
        backend.decide(req);
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      const q = (f: number) => times[Math.floor(f * (times.length - 1))]!.toFixed(3);
      console.log(`learned decide, ${candidates.length} candidates, ~${backend.model.estimateTokens(prompt).toFixed(0)}-token prompt: `
        + `p50 ${q(0.5)} ms, p99 ${q(0.99)} ms`);
    }
    expect(true).toBe(true);
  });
});
