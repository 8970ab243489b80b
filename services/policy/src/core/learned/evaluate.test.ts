import { describe, expect, it } from "vitest";
import { LearnedPolicyBackend } from "./backend.js";
import { assignFolds, parseRecords } from "./data.js";
import { baselines, emptyTable, policyPoint, predictRecords, summarise } from "./evaluate.js";
import { trainPolicy } from "./fit.js";
import { syntheticCandidates, syntheticData, syntheticOptions } from "./test-support.js";

const record = (id: string, source: string, a: [number, number], b: [number, number]) => JSON.stringify({
  id, source, category: source, prompt: id,
  models: {
    a: { score: a[0], cost_usd: a[1], input_tokens: 1, output_tokens: 1 },
    b: { score: b[0], cost_usd: b[1], input_tokens: 1, output_tokens: 1 },
  },
});

describe("assignFolds", () => {
  it("is seeded and stratified by source", () => {
    const data = syntheticData(100);
    const f = assignFolds(data.records, 5, 3);
    expect(Array.from(f)).toEqual(Array.from(assignFolds(data.records, 5, 3)));
    for (let k = 0; k < 5; k++) {
      const inFold = data.records.filter((_, i) => f[i] === k);
      expect(inFold.filter((r) => r.source === "quiz").length).toBe(10);
    }
  });
});

describe("baselines", () => {
  // b is better on task y only; a is always cheaper.
  const data = parseRecords([
    record("1", "x", [1, 1], [1, 10]), record("2", "x", [1, 1], [0, 10]),
    record("3", "y", [0, 1], [1, 10]), record("4", "y", [0, 1], [1, 10]),
  ].join("\n"), "t");
  const folds = Int32Array.from([0, 1, 0, 1]);
  const b = baselines(data, folds, [0, 1000], 1);

  it("computes single models, random and the oracle from the recorded scores", () => {
    expect(b.bestSingle).toMatchObject({ model: "b", score: 0.75, cost: 10 });
    expect(b.cheapest).toMatchObject({ model: "a", score: 0.5, cost: 1 });
    expect(b.random).toMatchObject({ score: 0.625, cost: 5.5 });
    // per prompt the cheapest model with the best score: a, a, b, b
    expect(b.oracle).toMatchObject({ score: 1, cost: 5.5 });
  });

  it("chooses the fixed model per task on the other folds only", () => {
    expect(b.taskFixed).toMatchObject({ score: 1, cost: 5.5 });
    // at lambda=1000 both are capped at zero reward and the tie goes to the cheaper model
    expect(b.taskFixedCurve[1]).toMatchObject({ score: 0.5, cost: 1 });
  });

  it("summarises a curve against them", () => {
    const s = summarise([{ cost: 5.5, score: 1 }, { cost: 1, score: 0.5 }], b);
    expect(s.savings_at_parity).toBeCloseTo(0.45);
    expect(s.score_at_10pct_cost).toBe(0.5);
    expect(s.auc).toBeGreaterThan(0);
  });
});

describe("predictRecords + policyPoint", () => {
  it("scores held-out records with the backend and sweeps lambda over the predictions", () => {
    const data = syntheticData(160);
    const train = data.records.slice(0, 120);
    const backend = new LearnedPolicyBackend(trainPolicy(train, data.models, syntheticOptions()));
    const heldOut = data.records.map((_, i) => i).slice(120);
    const table = emptyTable(40);
    const test = { ...data, records: data.records.slice(120) };
    predictRecords(backend, test, heldOut.map((_, i) => i), syntheticCandidates(), table);
    const quality = policyPoint(table, test, { lambda: 0, costMax: 0.7, k: 1 });
    const thrifty = policyPoint(table, test, { lambda: 1000, costMax: 0.7, k: 1 });
    expect(quality.share).toEqual({ premium: 1 });
    expect(thrifty.cost).toBeLessThan(quality.cost / 5);
    expect(Object.keys(thrifty.share).sort()).toEqual(["cheap", "mid"]);
  });
});
