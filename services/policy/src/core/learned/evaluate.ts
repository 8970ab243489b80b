// Offline evaluation on routing data: out-of-fold predictions from the same scoring code the
// backend runs, lambda sweeps over them, and the baselines (single models, cheapest, random,
// one fixed model per task type chosen on training folds, and the oracle, which only an
// evaluator can have since it reads the recorded scores).
import { loadCatalog, type Candidate__Output } from "../../../../common/src/index.js";
import { callMaxTokens, expectedCostNano, type EligibleModel } from "../candidates.js";
import { LearnedPolicyBackend } from "./backend.js";
import { normalisedAuc, savingsAtParity, scoreAtBudget, type CurvePoint } from "./curve.js";
import type { RoutingData } from "./data.js";
import { argmaxReward, type RewardParams } from "./model.js";

/** Per record, per data model (RoutingData.models order): predicted P(success) and cost in USD. */
export interface PredictionTable {
  success: Float64Array[];
  costUsd: Float64Array[];
}

export interface PolicyPoint extends CurvePoint {
  lambda: number;
  /** How often each model was chosen. */
  share: Record<string, number>;
}

export function eligibleFrom(candidates: readonly Candidate__Output[]): EligibleModel[] {
  return candidates.map((candidate) => {
    const maxTokens = callMaxTokens(null, candidate);
    return { candidate, maxTokens, worstCaseNano: 0, expectedNano: expectedCostNano(0, candidate.price) };
  });
}

/** Scores `records` (indices into data) with a backend; models it does not know get P = 0. */
export function predictRecords(
  backend: LearnedPolicyBackend, data: RoutingData, indices: readonly number[], candidates: readonly Candidate__Output[], table: PredictionTable,
): void {
  const eligible = eligibleFrom(candidates);
  const reward = backend.rewardParams(null);
  for (const i of indices) {
    const prediction = backend.model.predict(data.records[i]!.prompt);
    const success = new Float64Array(data.models.length);
    const costUsd = new Float64Array(data.models.length).fill(Number.POSITIVE_INFINITY);
    for (const s of backend.score(eligible, prediction, reward)) {
      const m = data.models.indexOf(s.model.candidate.model_id);
      if (m >= 0) { success[m] = s.success; costUsd[m] = s.costUsd; }
    }
    table.success[i] = success;
    table.costUsd[i] = costUsd;
  }
}

export function emptyTable(n: number): PredictionTable {
  return { success: new Array<Float64Array>(n), costUsd: new Array<Float64Array>(n) };
}

/** The policy's choices at one reward setting: actual mean score and cost on the records. */
export function policyPoint(table: PredictionTable, data: RoutingData, reward: RewardParams): PolicyPoint {
  let score = 0;
  let cost = 0;
  const counts = new Map<string, number>();
  data.records.forEach((r, i) => {
    const m = data.models[argmaxReward(table.success[i]!, table.costUsd[i]!, reward)]!;
    score += r.models[m]!.score;
    cost += r.models[m]!.cost_usd;
    counts.set(m, (counts.get(m) ?? 0) + 1);
  });
  const n = data.records.length;
  const share = Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]).map(([m, c]) => [m, Number((c / n).toFixed(4))]));
  return { cost: cost / n, score: score / n, lambda: reward.lambda, label: `lambda=${reward.lambda}`, share };
}

export interface Baselines {
  singles: (CurvePoint & { model: string })[];
  bestSingle: CurvePoint & { model: string };
  cheapest: CurvePoint & { model: string };
  random: CurvePoint;
  oracle: CurvePoint;
  /** The best-scoring model per source, chosen on the training folds. */
  taskFixed: CurvePoint;
  /** Per source, the model with the best mean reward on the training folds, per lambda. */
  taskFixedCurve: PolicyPoint[];
}

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

export function baselines(data: RoutingData, folds: Int32Array, lambdas: readonly number[], costMax: number): Baselines {
  const { records, models } = data;
  const n = records.length;
  const singles = models.map((model) => ({
    model, label: model, score: mean(records.map((r) => r.models[model]!.score)), cost: mean(records.map((r) => r.models[model]!.cost_usd)),
  }));
  const bestSingle = singles.reduce((a, b) => (b.score > a.score || (b.score === a.score && b.cost < a.cost) ? b : a));
  const cheapest = singles.reduce((a, b) => (b.cost < a.cost ? b : a));
  const random = { label: "random", score: mean(singles.map((s) => s.score)), cost: mean(singles.map((s) => s.cost)) };
  let oScore = 0;
  let oCost = 0;
  for (const r of records) {
    const best = models.reduce((a, b) => {
      const x = r.models[a]!;
      const y = r.models[b]!;
      return y.score > x.score || (y.score === x.score && y.cost_usd < x.cost_usd) ? b : a;
    });
    oScore += r.models[best]!.score;
    oCost += r.models[best]!.cost_usd;
  }
  const oracle = { label: "oracle", score: oScore / n, cost: oCost / n };

  // Per fold and source: training-fold mean score and cost of every model.
  const k = Math.max(...folds) + 1;
  const stats = new Map<string, { score: number[]; cost: number[]; count: number }>();
  for (let f = 0; f < k; f++) {
    records.forEach((r, i) => {
      if (folds[i] === f) return;
      const key = `${f}\u0000${r.source}`;
      const s = stats.get(key) ?? { score: models.map(() => 0), cost: models.map(() => 0), count: 0 };
      models.forEach((m, j) => { s.score[j]! += r.models[m]!.score; s.cost[j]! += r.models[m]!.cost_usd; });
      s.count++;
      stats.set(key, s);
    });
  }
  const table: PredictionTable = emptyTable(n);
  records.forEach((r, i) => {
    const s = stats.get(`${folds[i]}\u0000${r.source}`);
    table.success[i] = Float64Array.from(models, (_, j) => (s ? s.score[j]! / s.count : 0));
    table.costUsd[i] = Float64Array.from(models, (_, j) => (s ? s.cost[j]! / s.count : 0));
  });
  const atZero = policyPoint(table, data, { lambda: 0, costMax, k: 1 });
  const taskFixed = { label: "task-fixed (best score per source)", score: atZero.score, cost: atZero.cost };
  const taskFixedCurve = lambdas.map((lambda) => policyPoint(table, data, { lambda, costMax, k: 1 }));
  return { singles, bestSingle, cheapest, random, oracle, taskFixed, taskFixedCurve };
}

export function catalogCandidates(name: string): Candidate__Output[] {
  return loadCatalog(name).models.map((m) => ({
    model_id: m.id, provider: m.provider, tier: m.tier, price: { ...m.price }, context_window: m.context_window,
    max_output_tokens: m.max_output_tokens, capabilities: [...m.capabilities], description: m.description,
  }));
}

export interface Summary {
  best_single: { model: string; score: number; cost: number };
  cheapest: { model: string; score: number; cost: number };
  oracle: { score: number; cost: number };
  savings_at_parity: number;
  parity_point: CurvePoint | null;
  /** Best actual sweep point costing at most 10 % of the best single model. */
  score_at_10pct_cost: number;
  point_at_10pct_cost: CurvePoint | null;
  /** The same budget on the upper hull (randomising between two sweep points). */
  score_at_10pct_cost_hull: number;
  /** Normalised area over log cost from the cheapest model's cost to the best single model's. */
  auc: number;
}

export function summarise(points: readonly CurvePoint[], b: Baselines): Summary {
  const parity = savingsAtParity(points, b.bestSingle);
  const budget = scoreAtBudget(points, 0.1 * b.bestSingle.cost);
  const round = (p: CurvePoint | null) => (p ? { ...p, cost: Number(p.cost.toPrecision(5)), score: Number(p.score.toFixed(5)) } : null);
  return {
    best_single: { model: b.bestSingle.model, score: b.bestSingle.score, cost: b.bestSingle.cost },
    cheapest: { model: b.cheapest.model, score: b.cheapest.score, cost: b.cheapest.cost },
    oracle: { score: b.oracle.score, cost: b.oracle.cost },
    savings_at_parity: parity.savings,
    parity_point: round(parity.point),
    score_at_10pct_cost: budget.bestPoint,
    point_at_10pct_cost: round(budget.point),
    score_at_10pct_cost_hull: budget.hull,
    auc: normalisedAuc(points, b.cheapest, b.oracle, b.cheapest.cost, b.bestSingle.cost),
  };
}
