// The learned cost-aware policy as a backend: per request, the eligible candidates the artifact
// knows are scored by expected xRouter reward, P(success | prompt, model) x (k - min(lambda x
// E[cost], cost_max)), and the best one is called with its answer final. lambda and cost_max come
// from the request's hints when given, else from the artifact. Candidates the artifact has never
// seen cannot be scored and are passed over; when none is known the cheapest eligible one is used.
import type { DecideRequest__Output, DecideResponse, RoutingHints__Output } from "../../../../common/src/index.js";
import type { PolicyBackend } from "../backend.js";
import type { EligibleModel } from "../candidates.js";
import { cheapestOf, decideSingle, describe, type Choice } from "../single.js";
import { loadArtifact, type PolicyArtifact } from "./artifact.js";
import { promptText } from "./features.js";
import { argmaxReward, expectedReward, LearnedModel, type Prediction, type RewardParams } from "./model.js";

export interface ScoredCandidate {
  model: EligibleModel;
  success: number;
  costUsd: number;
  reward: number;
}

function finite(value: number | undefined, fallback: number, valid: (v: number) => boolean): number {
  return value !== undefined && value !== null && Number.isFinite(value) && valid(value) ? value : fallback;
}

export class LearnedPolicyBackend implements PolicyBackend {
  readonly name: string;
  readonly model: LearnedModel;

  constructor(artifact: PolicyArtifact | LearnedModel, options: { name?: string } = {}) {
    this.model = artifact instanceof LearnedModel ? artifact : new LearnedModel(artifact);
    this.name = options.name ?? "learned";
  }

  rewardParams(hints: RoutingHints__Output | null): RewardParams {
    const d = this.model.artifact.defaults;
    // a mode moves the artifact's lambda one decade; an explicit cost weight overrides both
    const modeLambda = hints?.mode === "cheap" ? d.lambda * 10 : hints?.mode === "quality" ? d.lambda / 10 : d.lambda;
    return {
      lambda: finite(hints?.cost_weight, modeLambda, (v) => v >= 0),
      costMax: finite(hints?.cost_cap, d.cost_max, (v) => v > 0),
      k: d.k,
    };
  }

  decide(request: DecideRequest__Output): DecideResponse {
    return decideSingle(request, this.name, ({ models }) => this.choose(request, models));
  }

  /** Expected success, cost and reward of each eligible candidate the artifact knows. */
  score(models: readonly EligibleModel[], prediction: Prediction, reward: RewardParams): ScoredCandidate[] {
    const scored: ScoredCandidate[] = [];
    for (const model of models) {
      const index = this.model.modelIndex.get(model.candidate.model_id);
      if (index === undefined) continue;
      const price = model.candidate.price;
      const output = Math.min(prediction.outputTokens[index]!, model.maxTokens > 0 ? model.maxTokens : Number.POSITIVE_INFINITY);
      const nano = price ? prediction.inputTokens * price.input_nanousd_per_token + output * price.output_nanousd_per_token : 0;
      const success = prediction.success[index]!;
      const costUsd = nano / 1e9;
      scored.push({ model, success, costUsd, reward: expectedReward(success, costUsd, reward) });
    }
    return scored;
  }

  private choose(request: DecideRequest__Output, models: EligibleModel[]): Choice {
    const reward = this.rewardParams(request.hints);
    const strategy = `${this.name}:lambda=${reward.lambda}`;
    const known = models.filter((m) => this.model.modelIndex.has(m.candidate.model_id));
    if (known.length === 0) {
      const model = cheapestOf(models);
      return {
        model, strategy: `${this.name}:fallback-cheapest`,
        rationale: `the policy artifact knows none of the ${models.length} eligible models; cheapest instead (${describe(model)})`,
      };
    }
    const prediction = this.model.predict(promptText(request.messages));
    const scored = this.score(known, prediction, reward);
    const best = scored[argmaxReward(scored.map((s) => s.success), scored.map((s) => s.costUsd), reward)]!;
    const tasks = this.model.artifact.tasks;
    let task = 0;
    prediction.tasks.forEach((p, t) => { if (p > prediction.tasks[task]!) task = t; });
    return {
      model: best.model, strategy,
      rationale: `${best.model.candidate.model_id}: P(ok)=${best.success.toFixed(3)}, E[cost]=$${best.costUsd.toPrecision(3)}, `
        + `reward ${best.reward.toFixed(4)} (lambda=${reward.lambda}, cost_max=${reward.costMax}); best of ${scored.length} known `
        + `of ${models.length} eligible; task ${tasks[task]} (${prediction.tasks[task]!.toFixed(2)})`,
    };
  }
}

/** Loads and validates an artifact (format and version) and builds the backend from it. */
export function loadLearnedPolicy(path: string, options: { name?: string } = {}): LearnedPolicyBackend {
  return new LearnedPolicyBackend(loadArtifact(path), options);
}
