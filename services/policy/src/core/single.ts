// The decision shape shared by the simple backends: one model per step, its answer final when it
// succeeds. A gateway that ignores final_if_ok comes back with an OK outcome; it then gets that
// answer selected instead of a second, paid call.
import {
  CallStatus, type CallOutcome__Output, type DecideRequest__Output, type DecideResponse,
} from "../../../common/src/index.js";
import { eligibleModels, type Eligibility, type EligibleModel } from "./candidates.js";

export interface Choice {
  model: EligibleModel;
  strategy: string;
  rationale: string;
}

export function latestOkOutcome(outcomes: readonly CallOutcome__Output[]): CallOutcome__Output | undefined {
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const outcome = outcomes[i];
    if (outcome && outcome.status === CallStatus.CALL_STATUS_OK) return outcome;
  }
  return undefined;
}

export function decideSingle(
  request: DecideRequest__Output, policy: string, choose: (eligibility: Eligibility) => Choice,
): DecideResponse {
  const ok = latestOkOutcome(request.outcomes);
  if (ok) {
    return {
      select: { call_id: ok.call_id }, policy, routing_strategy: "select-latest-ok",
      rationale: `call ${ok.call_id} (${ok.model_id}) already succeeded`,
    };
  }
  const { model, strategy, rationale } = choose(eligibleModels(request));
  return {
    call: { calls: [{ model_id: model.candidate.model_id, max_tokens: model.maxTokens }], final_if_ok: true },
    policy, routing_strategy: strategy, rationale,
  };
}

/** Lowest expected cost; ties keep the gateway's candidate order, so the choice is stable. */
export function cheapestOf(models: readonly EligibleModel[]): EligibleModel {
  const [first, ...rest] = models;
  if (!first) throw new RangeError("cheapestOf needs at least one model");
  return rest.reduce((best, m) => (m.expectedNano < best.expectedNano ? m : best), first);
}

export function describe(model: EligibleModel): string {
  return `${model.candidate.model_id}: expected ${model.expectedNano} nano-USD, at most ${model.worstCaseNano}`;
}
