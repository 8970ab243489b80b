import { describe, expect, it } from "vitest";
import { minimize } from "./lbfgs.js";
import { buildDesign, fitBinary, fitSoftmax, penalties, sigmoid } from "./logistic.js";

const vec = (entries: [number, number][]) => ({ index: Int32Array.from(entries.map((e) => e[0])), value: Float32Array.from(entries.map((e) => e[1])) });

describe("minimize (L-BFGS)", () => {
  it("finds the minimum of an ill-conditioned quadratic", () => {
    const target = [3, -2, 0.5];
    const scale = [1, 100, 0.01];
    const { w } = minimize((x, g) => {
      let f = 0;
      for (let i = 0; i < 3; i++) {
        const d = x[i]! - target[i]!;
        f += 0.5 * scale[i]! * d * d;
        g[i] = scale[i]! * d;
      }
      return f;
    }, new Float64Array(3), { maxIterations: 200, gradientTolerance: 1e-10, relativeTolerance: 0 });
    target.forEach((t, i) => expect(w[i]).toBeCloseTo(t, 5));
  });
});

describe("buildDesign", () => {
  it("remaps feature ids to compact columns", () => {
    const d = buildDesign([vec([[1000, 1], [7, 2]]), vec([[7, 3]])]);
    expect(Array.from(d.columns)).toEqual([1000, 7]);
    expect(Array.from(d.ptr)).toEqual([0, 2, 3]);
    expect(Array.from(d.col)).toEqual([0, 1, 1]);
  });
});

describe("fitBinary", () => {
  it("recovers the empirical log-odds of a constant feature, on top of the offset", () => {
    const rows = Array.from({ length: 100 }, () => vec([[0, 1]]));
    const y = Array.from({ length: 100 }, (_, i) => (i < 80 ? 1 : 0));
    const offset = 0.5;
    const d = buildDesign(rows);
    const w = fitBinary(d, y, new Array(100).fill(offset), penalties(d, 1000, 1e-6, 1e-6), { maxIterations: 100 });
    expect(sigmoid(offset + w[0]!)).toBeCloseTo(0.8, 4);
  });

  it("shrinks towards the offset as the penalty grows", () => {
    const rows = Array.from({ length: 50 }, () => vec([[0, 1]]));
    const d = buildDesign(rows);
    const y = new Array(50).fill(1);
    const loose = fitBinary(d, y, new Array(50).fill(0), penalties(d, 1000, 0.1, 0.1))[0]!;
    const tight = fitBinary(d, y, new Array(50).fill(0), penalties(d, 1000, 100, 100))[0]!;
    expect(loose).toBeGreaterThan(tight);
    expect(tight).toBeGreaterThan(0);
  });

  it("accepts graded targets", () => {
    const rows = Array.from({ length: 40 }, () => vec([[3, 1]]));
    const d = buildDesign(rows);
    const w = fitBinary(d, new Array(40).fill(0.3), new Array(40).fill(0), penalties(d, 1000, 1e-6, 1e-6));
    expect(sigmoid(w[0]!)).toBeCloseTo(0.3, 4);
  });
});

describe("fitSoftmax", () => {
  it("separates classes marked by distinct features", () => {
    const rows = Array.from({ length: 60 }, (_, i) => vec([[i % 3, 1], [99, 1]]));
    const labels = rows.map((_, i) => i % 3);
    const d = buildDesign(rows);
    const w = fitSoftmax(d, labels, 3, penalties(d, 1000, 0.1, 0.1));
    const m = d.columns.length;
    for (let k = 0; k < 3; k++) {
      const col = Array.from(d.columns).indexOf(k);
      const own = w[k * m + col]!;
      for (let j = 0; j < 3; j++) if (j !== k) expect(own).toBeGreaterThan(w[j * m + col]!);
    }
  });
});
