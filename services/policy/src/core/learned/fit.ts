// Training: prompts -> artifact. Success is modelled per model as a task-type prior (smoothed
// success rate of the model on that task) plus an L2-regularised logistic correction from the
// prompt's features; the prior is the strong part of the signal and the correction is kept small
// by its regulariser, which cross-validation showed is what generalises. Cost is priced at
// decision time from the candidate's prices and the expected tokens.
import { ARTIFACT_FORMAT, ARTIFACT_VERSION, encodeMatrix, type PolicyArtifact } from "./artifact.js";
import type { RoutingRecord } from "./data.js";
import { DEFAULT_FEATURES, DENSE_FEATURES, Featurizer, type FeatureConfig, type SparseVector } from "./features.js";
import { buildDesign, fitBinary, fitSoftmax, penalties, type Design } from "./logistic.js";

export interface TrainOptions {
  catalog: string;
  seed: number;
  data: string;
  sha256: string;
  features: FeatureConfig;
  /** L2 strength on hashed n-gram weights (in units of whole-data loss). */
  l2: number;
  l2Dense: number;
  l2Task: number;
  /** Pseudo-prompts pulling a task's success rate towards the model's overall rate. */
  priorStrength: number;
  maxIterations: number;
  lambda: number;
  costMax: number;
  notes?: string;
}

export const DEFAULT_TRAIN: Omit<TrainOptions, "catalog" | "data" | "sha256"> = {
  seed: 1, features: DEFAULT_FEATURES, l2: 10, l2Dense: 10, l2Task: 1, priorStrength: 4, maxIterations: 60,
  lambda: 1000, costMax: 0.7,
};

interface Prepared {
  vectors: SparseVector[];
  design: Design;
  tasks: string[];
  taskOf: Int32Array;
}

function logit(p: number): number {
  const q = Math.min(1 - 1e-4, Math.max(1e-4, p));
  return Math.log(q / (1 - q));
}

/** Columns that any row uses, ascending, with the compact weights gathered into that order. */
function gather(design: Design, rows: Float64Array[]): { index: Int32Array; rows: Float64Array[] } {
  const order = Array.from(design.columns.keys()).sort((a, b) => design.columns[a]! - design.columns[b]!);
  const index = Int32Array.from(order, (c) => design.columns[c]!);
  return { index, rows: rows.map((w) => Float64Array.from(order, (c) => w[c]!)) };
}

function prepare(records: readonly RoutingRecord[], featurizer: Featurizer): Prepared {
  const vectors = records.map((r) => {
    const v = featurizer.featurize(r.prompt);
    return { index: v.index.slice(), value: v.value.slice() };
  });
  const tasks = [...new Set(records.map((r) => r.source))].sort();
  const taskOf = Int32Array.from(records, (r) => tasks.indexOf(r.source));
  return { vectors, design: buildDesign(vectors), tasks, taskOf };
}

export function trainPolicy(records: readonly RoutingRecord[], models: readonly string[], options: TrainOptions): PolicyArtifact {
  if (records.length === 0) throw new RangeError("no training records");
  const featurizer = new Featurizer(options.features);
  const { design, tasks, taskOf } = prepare(records, featurizer);
  const n = records.length;
  const lbfgs = { maxIterations: options.maxIterations };

  const counts = tasks.map((_, t) => taskOf.reduce((c, x) => c + (x === t ? 1 : 0), 0));
  const overall = models.map((m) => records.reduce((s, r) => s + r.models[m]!.score, 0) / n);
  const overallOut = models.map((m) => records.reduce((s, r) => s + r.models[m]!.output_tokens, 0) / n);
  const prior = { success: tasks.map(() => models.map(() => 0)), output_tokens: tasks.map(() => models.map(() => 0)) };
  records.forEach((r, i) => {
    const t = taskOf[i]!;
    models.forEach((m, j) => {
      prior.success[t]![j]! += r.models[m]!.score;
      prior.output_tokens[t]![j]! += r.models[m]!.output_tokens;
    });
  });
  const a = options.priorStrength;
  tasks.forEach((_, t) => models.forEach((_, j) => {
    prior.success[t]![j] = (prior.success[t]![j]! + a * overall[j]!) / (counts[t]! + a);
    prior.output_tokens[t]![j] = (prior.output_tokens[t]![j]! + a * overallOut[j]!) / (counts[t]! + a);
  }));

  const successRows = models.map((m, j) => {
    const targets = Float64Array.from(records, (r) => Math.min(1, Math.max(0, r.models[m]!.score)));
    const offsets = Float64Array.from(taskOf, (t) => logit(prior.success[t]![j]!));
    return fitBinary(design, targets, offsets, penalties(design, featurizer.buckets, options.l2, options.l2Dense), lbfgs);
  });
  const success = gather(design, successRows);

  let taskClassifier: PolicyArtifact["task_classifier"] = null;
  if (tasks.length > 1) {
    const w = fitSoftmax(design, taskOf, tasks.length, penalties(design, featurizer.buckets, options.l2Task, options.l2Task), lbfgs);
    const m = design.columns.length;
    const rows = tasks.map((_, t) => w.slice(t * m, (t + 1) * m));
    const g = gather(design, rows);
    taskClassifier = encodeMatrix(g.rows, g.index);
  }

  let bytes = 0;
  let tokens = 0;
  for (const r of records) {
    bytes += Buffer.byteLength(r.prompt, "utf8");
    tokens += r.models[models[0]!]!.input_tokens;
  }

  return {
    format: ARTIFACT_FORMAT,
    version: ARTIFACT_VERSION,
    trained_on: {
      data: options.data, prompts: n, sha256: options.sha256, seed: options.seed,
      tasks: Object.fromEntries(tasks.map((t, i) => [t, counts[i]!])),
    },
    catalog: options.catalog,
    models: [...models],
    tasks,
    features: { hash: "fnv1a32+fmix32", ...options.features, dense: [...DENSE_FEATURES] },
    defaults: { lambda: options.lambda, cost_max: options.costMax, k: 1 },
    tokens: { bytes_per_token: tokens > 0 ? bytes / tokens : 4 },
    prior,
    task_classifier: taskClassifier,
    success: { l2: options.l2, l2_dense: options.l2Dense, weights: encodeMatrix(success.rows, success.index) },
    ...(options.notes ? { notes: options.notes } : {}),
  };
}
