import { describe, expect, it } from "vitest";
import { logGrid, normalisedAuc, paretoFrontier, savingsAtParity, scoreAtBudget, upperHull } from "./curve.js";

const p = (cost: number, score: number, label?: string) => ({ cost, score, ...(label ? { label } : {}) });

describe("paretoFrontier", () => {
  it("keeps points no other point beats on cost and score", () => {
    const f = paretoFrontier([p(3, 0.8), p(1, 0.5), p(2, 0.4), p(2, 0.7), p(4, 0.7), p(5, 0.9)]);
    expect(f).toEqual([p(1, 0.5), p(2, 0.7), p(3, 0.8), p(5, 0.9)]);
  });
});

describe("upperHull", () => {
  it("drops frontier points below the chord of their neighbours", () => {
    expect(upperHull([p(1, 0.5), p(2, 0.55), p(3, 0.9)])).toEqual([p(1, 0.5), p(3, 0.9)]);
  });
});

describe("savingsAtParity", () => {
  it("uses the cheapest point reaching the target score", () => {
    const r = savingsAtParity([p(1, 0.7), p(4, 0.9), p(6, 0.95)], p(10, 0.9));
    expect(r.savings).toBeCloseTo(0.6);
    expect(r.point).toEqual(p(4, 0.9));
  });

  it("is 0 when no point reaches the target", () => {
    expect(savingsAtParity([p(1, 0.7)], p(10, 0.9)).savings).toBe(0);
  });
});

describe("scoreAtBudget", () => {
  it("reports the best point under the budget and the hull interpolation", () => {
    const r = scoreAtBudget([p(1, 0.6), p(2, 0.7), p(4, 0.9)], 3);
    expect(r.bestPoint).toBe(0.7);
    expect(r.hull).toBeCloseTo(0.8);
  });

  it("is 0 when every point is over budget", () => {
    expect(scoreAtBudget([p(5, 0.9)], 1).bestPoint).toBe(0);
  });
});

describe("normalisedAuc", () => {
  const cheapest = p(1, 0.5);
  const oracle = p(1, 1);

  it("is 0 for the cheapest model alone and 1 for the oracle everywhere", () => {
    expect(normalisedAuc([cheapest], cheapest, oracle, 1, 100)).toBeCloseTo(0);
    expect(normalisedAuc([p(1, 1)], cheapest, oracle, 1, 100)).toBeCloseTo(1);
  });

  it("integrates the step curve over log cost", () => {
    // 0.5 on [1, 10), 1.0 on [10, 100]: half the log range at each level.
    expect(normalisedAuc([p(10, 1)], cheapest, oracle, 1, 100)).toBeCloseTo(0.5);
  });
});

describe("logGrid", () => {
  it("spans the range on a log scale", () => {
    expect(logGrid(0.1, 1000, 5)).toEqual([0.1, 1, 10, 100, 1000]);
  });
});
