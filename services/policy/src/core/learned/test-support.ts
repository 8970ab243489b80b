// A small synthetic routing data set for unit tests: two task types whose best-value model
// differs, three models at very different prices. Deterministic for a seed.
import type { Candidate__Output } from "../../../../common/src/index.js";
import { candidate } from "../test-fixtures.js";
import { parseRecords, type RoutingData } from "./data.js";
import { DEFAULT_TRAIN, type TrainOptions } from "./fit.js";
import { mulberry32 } from "./hash.js";

export const SYNTHETIC_MODELS = ["cheap", "mid", "premium"] as const;

/** Nano-USD per token (input, output). */
export const SYNTHETIC_PRICES: Record<string, [number, number]> = { cheap: [100, 100], mid: [500, 1500], premium: [10_000, 30_000] };

const RATES: Record<string, Record<string, number>> = {
  quiz: { cheap: 0.9, mid: 0.85, premium: 0.97 },
  code: { cheap: 0.2, mid: 0.7, premium: 0.92 },
};
const OUTPUT: Record<string, number> = { quiz: 2, code: 200 };
const THINGS = ["planet", "river", "element", "mountain", "enzyme", "battery", "volcano", "glacier", "protein", "comet"];
const VERBS = ["reverse", "sort", "count", "merge", "flatten", "parse", "validate", "compress", "rotate", "sum"];

export function quizPrompt(i: number): string {
  const thing = THINGS[i % THINGS.length]!;
  return `Which ${thing} is described below? Case ${i}.\nA) the first ${thing}\nB) the second ${thing}\nC) the third\nD) none\nAnswer:`;
}

export function codePrompt(i: number): string {
  return `Write a python function to ${VERBS[i % VERBS.length]!} a list of integers (variant ${i}).`;
}

export function syntheticData(n = 120, seed = 7): RoutingData {
  const random = mulberry32(seed);
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    const task = i % 2 === 0 ? "quiz" : "code";
    const prompt = task === "quiz" ? quizPrompt(i) : codePrompt(i);
    const inputTokens = Math.ceil(prompt.length / 4);
    const models = Object.fromEntries(SYNTHETIC_MODELS.map((m) => {
      const [pin, pout] = SYNTHETIC_PRICES[m]!;
      const out = OUTPUT[task]!;
      return [m, {
        score: random() < RATES[task]![m]! ? 1 : 0, cost_usd: (inputTokens * pin + out * pout) / 1e9,
        input_tokens: inputTokens, output_tokens: out, response: "",
      }];
    }));
    lines.push(JSON.stringify({ id: `syn-${i}`, source: task, category: task, prompt, models }));
  }
  return parseRecords(lines.join("\n"), "synthetic");
}

export function syntheticCandidates(): Candidate__Output[] {
  return SYNTHETIC_MODELS.map((m) => candidate(m, { input: SYNTHETIC_PRICES[m]![0], output: SYNTHETIC_PRICES[m]![1] }));
}

export function syntheticOptions(overrides: Partial<TrainOptions> = {}): TrainOptions {
  return {
    ...DEFAULT_TRAIN, catalog: "synthetic", data: "synthetic", sha256: "0", features: { ...DEFAULT_TRAIN.features, log2_buckets: 12 },
    l2: 10, l2Dense: 10, maxIterations: 30, lambda: 100, costMax: 0.7, ...overrides,
  };
}
