// Cost-quality curve maths for evaluating routing policies. Costs are mean USD per prompt, scores
// mean score per prompt; every function is pure so figures can be checked by hand in tests.

export interface CurvePoint {
  cost: number;
  score: number;
  /** What produced the point, e.g. "lambda=300". */
  label?: string;
}

/** Points no other point beats on both axes, by ascending cost (and strictly ascending score). */
export function paretoFrontier(points: readonly CurvePoint[]): CurvePoint[] {
  const sorted = [...points].sort((a, b) => a.cost - b.cost || b.score - a.score);
  const frontier: CurvePoint[] = [];
  for (const p of sorted) {
    const last = frontier[frontier.length - 1];
    if (!last || p.score > last.score + 1e-12) frontier.push(p);
  }
  return frontier;
}

/**
 * The upper concave hull in linear cost: what randomising between two policies per prompt can
 * reach (mixing is linear in cost and score, not in log cost).
 */
export function upperHull(points: readonly CurvePoint[]): CurvePoint[] {
  const frontier = paretoFrontier(points);
  const hull: CurvePoint[] = [];
  for (const p of frontier) {
    while (hull.length >= 2) {
      const a = hull[hull.length - 2]!;
      const b = hull[hull.length - 1]!;
      const cross = (b.cost - a.cost) * (p.score - a.score) - (b.score - a.score) * (p.cost - a.cost);
      if (cross >= 0) hull.pop();
      else break;
    }
    hull.push(p);
  }
  return hull;
}

export interface Parity {
  savings: number;
  point: CurvePoint | null;
}

/** 1 - (lowest cost at which a point reaches `target.score`) / target.cost; 0 when none does. */
export function savingsAtParity(points: readonly CurvePoint[], target: CurvePoint): Parity {
  let best: CurvePoint | null = null;
  for (const p of points) {
    if (p.score >= target.score - 1e-12 && (!best || p.cost < best.cost)) best = p;
  }
  if (!best || target.cost <= 0) return { savings: 0, point: best };
  return { savings: Math.max(0, 1 - best.cost / target.cost), point: best };
}

export interface BudgetScore {
  /** The best score of an actual point costing at most the budget (0 when none). */
  bestPoint: number;
  point: CurvePoint | null;
  /** The upper hull interpolated at the budget (mixing two policies); bestPoint when no hull point lies above it. */
  hull: number;
}

export function scoreAtBudget(points: readonly CurvePoint[], budget: number): BudgetScore {
  let point: CurvePoint | null = null;
  for (const p of points) if (p.cost <= budget && (!point || p.score > point.score)) point = p;
  const bestPoint = point ? point.score : 0;
  const hull = upperHull(points);
  let interpolated = bestPoint;
  for (let i = 0; i + 1 < hull.length; i++) {
    const a = hull[i]!;
    const b = hull[i + 1]!;
    if (a.cost <= budget && budget <= b.cost && b.cost > a.cost) {
      interpolated = Math.max(bestPoint, a.score + ((b.score - a.score) * (budget - a.cost)) / (b.cost - a.cost));
    }
  }
  return { bestPoint, point, hull: interpolated };
}

/**
 * Area under the policy's step curve (best score at cost <= c) over log cost between `lo` and
 * `hi`, normalised so the cheapest model alone scores 0 and the oracle 1. Below its cheapest
 * point the policy is credited with the cheapest model's score: any router can fall back to it.
 */
export function normalisedAuc(
  points: readonly CurvePoint[], cheapest: CurvePoint, oracle: CurvePoint, lo: number, hi: number,
): number {
  if (!(hi > lo && lo > 0) || oracle.score <= cheapest.score) return 0;
  const frontier = paretoFrontier(points);
  const x0 = Math.log(lo);
  const x1 = Math.log(hi);
  const steps = [x0, ...frontier.map((p) => Math.log(p.cost)).filter((x) => x > x0 && x < x1), x1];
  const valueAt = (x: number): number => {
    let best = Math.log(cheapest.cost) <= x ? cheapest.score : 0;
    for (const p of frontier) if (Math.log(p.cost) <= x + 1e-12) best = Math.max(best, p.score);
    return best;
  };
  let area = 0;
  for (let i = 0; i + 1 < steps.length; i++) area += valueAt(steps[i]!) * (steps[i + 1]! - steps[i]!);
  const mean = area / (x1 - x0);
  return (mean - cheapest.score) / (oracle.score - cheapest.score);
}

/** Log-spaced grid from lo to hi inclusive (lambda sweeps). */
export function logGrid(lo: number, hi: number, count: number): number[] {
  if (count < 2) return [lo];
  const a = Math.log10(lo);
  const b = Math.log10(hi);
  return Array.from({ length: count }, (_, i) => Number((10 ** (a + ((b - a) * i) / (count - 1))).toPrecision(4)));
}
