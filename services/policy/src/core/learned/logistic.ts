// L2-regularised logistic models on sparse rows, fitted with L-BFGS. Columns are remapped to the
// ones the training rows actually use, so optimiser vectors are as long as the vocabulary seen in
// training, not the whole hash space.
import type { SparseVector } from "./features.js";
import { minimize, type LbfgsOptions } from "./lbfgs.js";

export interface Design {
  rows: number;
  /** Original feature index of each compact column. */
  columns: Int32Array;
  ptr: Int32Array;
  col: Int32Array;
  val: Float32Array;
}

export function buildDesign(vectors: readonly SparseVector[]): Design {
  const remap = new Map<number, number>();
  let nnz = 0;
  for (const v of vectors) nnz += v.index.length;
  const ptr = new Int32Array(vectors.length + 1);
  const col = new Int32Array(nnz);
  const val = new Float32Array(nnz);
  let at = 0;
  vectors.forEach((v, r) => {
    for (let t = 0; t < v.index.length; t++) {
      const feature = v.index[t]!;
      let c = remap.get(feature);
      if (c === undefined) { c = remap.size; remap.set(feature, c); }
      col[at] = c;
      val[at++] = v.value[t]!;
    }
    ptr[r + 1] = at;
  });
  const columns = new Int32Array(remap.size);
  for (const [feature, c] of remap) columns[c] = feature;
  return { rows: vectors.length, columns, ptr, col, val };
}

function rowDot(d: Design, r: number, w: Float64Array, base = 0): number {
  let s = 0;
  for (let t = d.ptr[r]!; t < d.ptr[r + 1]!; t++) s += w[base + d.col[t]!]! * d.val[t]!;
  return s;
}

function rowAxpy(d: Design, r: number, scale: number, g: Float64Array, base = 0): void {
  for (let t = d.ptr[r]!; t < d.ptr[r + 1]!; t++) g[base + d.col[t]!]! += scale * d.val[t]!;
}

function softplus(z: number): number {
  return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

/** Per-column L2 strength: `l2` for hashed buckets, `l2Dense` for the dense markers. */
export function penalties(d: Design, buckets: number, l2: number, l2Dense: number): Float64Array {
  return Float64Array.from(d.columns, (feature) => (feature >= buckets ? l2Dense : l2));
}

/**
 * Binary logistic regression with a fixed per-row offset (the prior logit) and soft targets in
 * [0, 1], so graded scores train the same model as 0/1 ones. Returns compact-column weights.
 */
export function fitBinary(
  d: Design, targets: ArrayLike<number>, offsets: ArrayLike<number>, penalty: Float64Array, options: Partial<LbfgsOptions> = {},
): Float64Array {
  const objective = (w: Float64Array, grad: Float64Array): number => {
    let loss = 0;
    grad.fill(0);
    for (let r = 0; r < d.rows; r++) {
      const z = offsets[r]! + rowDot(d, r, w);
      const y = targets[r]!;
      loss += softplus(z) - y * z;
      rowAxpy(d, r, sigmoid(z) - y, grad);
    }
    for (let c = 0; c < w.length; c++) {
      loss += 0.5 * penalty[c]! * w[c]! * w[c]!;
      grad[c]! += penalty[c]! * w[c]!;
    }
    return loss;
  };
  return minimize(objective, new Float64Array(d.columns.length), options).w;
}

/** Multinomial logistic regression; weights are class-major (class k at k * columns). */
export function fitSoftmax(
  d: Design, labels: ArrayLike<number>, classes: number, penalty: Float64Array, options: Partial<LbfgsOptions> = {},
): Float64Array {
  const m = d.columns.length;
  const z = new Float64Array(classes);
  const objective = (w: Float64Array, grad: Float64Array): number => {
    let loss = 0;
    grad.fill(0);
    for (let r = 0; r < d.rows; r++) {
      let top = Number.NEGATIVE_INFINITY;
      for (let k = 0; k < classes; k++) { z[k] = rowDot(d, r, w, k * m); top = Math.max(top, z[k]!); }
      let sum = 0;
      for (let k = 0; k < classes; k++) sum += Math.exp(z[k]! - top);
      const lse = top + Math.log(sum);
      loss += lse - z[labels[r]!]!;
      for (let k = 0; k < classes; k++) {
        const p = Math.exp(z[k]! - lse) - (k === labels[r] ? 1 : 0);
        rowAxpy(d, r, p, grad, k * m);
      }
    }
    for (let i = 0; i < w.length; i++) {
      const l2 = penalty[i % m]!;
      loss += 0.5 * l2 * w[i]! * w[i]!;
      grad[i]! += l2 * w[i]!;
    }
    return loss;
  };
  return minimize(objective, new Float64Array(m * classes), options).w;
}
