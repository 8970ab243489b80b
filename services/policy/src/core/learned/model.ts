// The runtime half of the learned policy: from prompt text to, per model the artifact knows, the
// probability of a good answer and the expected number of tokens; and the xRouter reward that
// turns those, with the candidates' prices, into a choice.
import { decodeInterleaved, type PolicyArtifact } from "./artifact.js";
import { Featurizer, type SparseVector } from "./features.js";

export interface Prediction {
  /** Task-type probabilities, in artifact.tasks order. */
  tasks: Float64Array;
  /** P(success) per artifact model. */
  success: Float64Array;
  outputTokens: Float64Array;
  inputTokens: number;
}

/** The reward parameters of arXiv 2510.08439: reward = score x (k - min(lambda x cost_usd, cost_max)). */
export interface RewardParams {
  lambda: number;
  costMax: number;
  k: number;
}

const EPS = 1e-4;

function logit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}

export class LearnedModel {
  readonly featurizer: Featurizer;
  readonly modelIndex: ReadonlyMap<string, number>;
  private readonly success: Float32Array;
  private readonly classifier: Float32Array | null;

  constructor(readonly artifact: PolicyArtifact) {
    const f = artifact.features;
    this.featurizer = new Featurizer({ log2_buckets: f.log2_buckets, char_ngrams: f.char_ngrams, head_chars: f.head_chars, query_chars: f.query_chars });
    this.success = decodeInterleaved(artifact.success.weights, this.featurizer.dim);
    this.classifier = artifact.task_classifier ? decodeInterleaved(artifact.task_classifier, this.featurizer.dim) : null;
    this.modelIndex = new Map(artifact.models.map((m, i) => [m, i]));
  }

  predict(text: string): Prediction {
    return this.predictVector(this.featurizer.featurize(text), this.estimateTokens(text));
  }

  /** cl100k tokens from UTF-8 bytes with the ratio measured on the training prompts. */
  estimateTokens(text: string): number {
    return Buffer.byteLength(text, "utf8") / this.artifact.tokens.bytes_per_token;
  }

  predictVector(x: SparseVector, inputTokens: number): Prediction {
    const a = this.artifact;
    const nt = a.tasks.length;
    const nm = a.models.length;
    const tasks = new Float64Array(nt);
    if (this.classifier && nt > 1) {
      const z = scoreRows(this.classifier, nt, x);
      const top = Math.max(...z);
      let sum = 0;
      for (let t = 0; t < nt; t++) { tasks[t] = Math.exp(z[t]! - top); sum += tasks[t]!; }
      for (let t = 0; t < nt; t++) tasks[t]! /= sum;
    } else {
      tasks.fill(1 / nt);
    }
    const z = scoreRows(this.success, nm, x);
    const success = new Float64Array(nm);
    const outputTokens = new Float64Array(nm);
    for (let m = 0; m < nm; m++) {
      let prior = 0;
      let out = 0;
      for (let t = 0; t < nt; t++) {
        prior += tasks[t]! * a.prior.success[t]![m]!;
        out += tasks[t]! * a.prior.output_tokens[t]![m]!;
      }
      success[m] = 1 / (1 + Math.exp(-(logit(prior) + z[m]!)));
      outputTokens[m] = out;
    }
    return { tasks, success, outputTokens, inputTokens };
  }
}

function scoreRows(weights: Float32Array, rows: number, x: SparseVector): Float64Array {
  const z = new Float64Array(rows);
  for (let t = 0; t < x.index.length; t++) {
    const base = x.index[t]! * rows;
    const v = x.value[t]!;
    for (let r = 0; r < rows; r++) z[r]! += weights[base + r]! * v;
  }
  return z;
}

export function expectedReward(success: number, costUsd: number, reward: RewardParams): number {
  return success * (reward.k - Math.min(reward.lambda * costUsd, reward.costMax));
}

/**
 * Index of the option with the highest expected reward; ties (e.g. every option capped at zero
 * reward) go to the cheaper one, then to the earlier one, so the choice is deterministic.
 */
export function argmaxReward(success: ArrayLike<number>, costUsd: ArrayLike<number>, reward: RewardParams): number {
  let best = -1;
  let bestValue = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < success.length; i++) {
    const value = expectedReward(success[i]!, costUsd[i]!, reward);
    if (value > bestValue + 1e-12 || (Math.abs(value - bestValue) <= 1e-12 && costUsd[i]! < costUsd[best]!)) {
      best = i;
      bestValue = value;
    }
  }
  return best;
}
