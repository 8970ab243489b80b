// The eligibility filter every backend starts from. Rules run in a fixed order (hints, capability,
// context, failed, money) and the stage at which the last candidates disappear becomes the
// NoCandidateError reason: "budget" then means more money would have helped, "exhausted" that
// every model able to serve the request has already failed, "filtered" anything else.
import {
  CallStatus, estimateInputTokens, worstCaseCostNano,
  type Candidate__Output, type DecideRequest__Output, type ModelPrice__Output, type SamplingParams__Output,
} from "../../../common/src/index.js";
import { NoCandidateError } from "./backend.js";

/** Without an explicit max_tokens, a model's own output limit (often 100k+) would price it out. */
export const DEFAULT_MAX_TOKENS_CAP = 4096;
/** What a typical answer costs to produce; used to rank models, never to reserve money. */
export const TYPICAL_OUTPUT_TOKENS = 256;

export interface EligibleModel {
  candidate: Candidate__Output;
  /** The max_tokens the call must carry: the money and context checks assumed it. */
  maxTokens: number;
  worstCaseNano: number;
  expectedNano: number;
}

export interface Eligibility {
  inputTokens: number;
  models: EligibleModel[];
}

const STAGES = ["hints", "capability", "context", "failed", "budget"] as const;
type Stage = (typeof STAGES)[number];

const ZERO_PRICE: ModelPrice__Output = {
  input_nanousd_per_token: 0, cached_input_nanousd_per_token: 0, output_nanousd_per_token: 0, cache_write_nanousd_per_token: 0,
};

export function callMaxTokens(params: SamplingParams__Output | null, candidate: Candidate__Output): number {
  if (params && params.max_tokens > 0) return params.max_tokens;
  const own = candidate.max_output_tokens > 0 ? candidate.max_output_tokens : DEFAULT_MAX_TOKENS_CAP;
  return Math.min(own, DEFAULT_MAX_TOKENS_CAP);
}

export function expectedCostNano(inputTokens: number, price: ModelPrice__Output | null): number {
  return worstCaseCostNano(inputTokens, TYPICAL_OUTPUT_TOKENS, price ?? ZERO_PRICE);
}

function isBlank(json: string): boolean {
  const t = json.trim();
  return t === "" || t === "null" || t === "[]";
}

/** `{"type":"text"}` is OpenAI's default response format and needs no JSON mode. */
function needsJson(responseFormatJson: string): boolean {
  if (isBlank(responseFormatJson)) return false;
  try {
    const parsed = JSON.parse(responseFormatJson) as { type?: unknown } | null;
    return !(parsed && typeof parsed === "object" && parsed.type === "text");
  } catch {
    return true;
  }
}

export function requiredCapabilities(params: SamplingParams__Output | null): string[] {
  if (!params) return [];
  const needed: string[] = [];
  if (!isBlank(params.tools_json)) needed.push("tools");
  if (needsJson(params.response_format_json)) needed.push("json");
  return needed;
}

/** Model ids whose calls ended in anything but OK: retrying them in the same request is futile. */
export function failedModels(request: DecideRequest__Output): Set<string> {
  return new Set(request.outcomes.filter((o) => o.status !== CallStatus.CALL_STATUS_OK).map((o) => o.model_id));
}

/**
 * The most one more call may cost: the key's remaining budget and the per-request cap, the latter
 * minus what this request's earlier calls already cost. Undefined when neither applies.
 */
export function spendLimitNano(request: DecideRequest__Output): number | undefined {
  const limits: number[] = [];
  if (request.remaining_budget_nanousd !== undefined && request.remaining_budget_nanousd !== null) {
    limits.push(request.remaining_budget_nanousd);
  }
  const cap = request.hints?.max_cost_nanousd;
  if (cap !== undefined && cap !== null) {
    const spent = request.outcomes.reduce((sum, o) => sum + (o.cost_nanousd ?? 0), 0);
    limits.push(cap - spent);
  }
  return limits.length === 0 ? undefined : Math.min(...limits);
}

export function eligibleModels(request: DecideRequest__Output): Eligibility {
  const inputTokens = estimateInputTokens(request.messages);
  const allow = new Set(request.hints?.allow_models ?? []);
  const deny = new Set(request.hints?.deny_models ?? []);
  const needed = requiredCapabilities(request.params);
  const failed = failedModels(request);
  const limit = spendLimitNano(request);

  const models: EligibleModel[] = [];
  const dropped = new Map<Stage, number>();
  const drop = (stage: Stage) => dropped.set(stage, (dropped.get(stage) ?? 0) + 1);
  let cheapestUnaffordable = Number.POSITIVE_INFINITY;

  for (const candidate of request.candidates) {
    const id = candidate.model_id;
    const maxTokens = callMaxTokens(request.params, candidate);
    const worstCaseNano = worstCaseCostNano(inputTokens, maxTokens, candidate.price ?? ZERO_PRICE);
    if ((allow.size > 0 && !allow.has(id)) || deny.has(id)) drop("hints");
    else if (!needed.every((c) => candidate.capabilities.includes(c))) drop("capability");
    else if (candidate.context_window < inputTokens + maxTokens) drop("context");
    else if (failed.has(id)) drop("failed");
    else if (limit !== undefined && worstCaseNano > limit) {
      drop("budget");
      cheapestUnaffordable = Math.min(cheapestUnaffordable, worstCaseNano);
    }
    else models.push({ candidate, maxTokens, worstCaseNano, expectedNano: expectedCostNano(inputTokens, candidate.price) });
  }
  if (models.length === 0) {
    throw noCandidate({ total: request.candidates.length, dropped, limit, cheapestUnaffordable, needed, inputTokens });
  }
  return { inputTokens, models };
}

interface Exclusions {
  total: number;
  dropped: Map<Stage, number>;
  limit: number | undefined;
  cheapestUnaffordable: number;
  needed: string[];
  inputTokens: number;
}

function noCandidate({ total, dropped, limit, cheapestUnaffordable, needed, inputTokens }: Exclusions): NoCandidateError {
  if (total === 0) return new NoCandidateError("no candidate models were offered", "filtered");
  const last = [...STAGES].reverse().find((s) => dropped.has(s));
  switch (last) {
    case "budget":
      return new NoCandidateError(
        `no candidate model fits the remaining budget of ${Math.max(0, limit ?? 0)} nano-USD: the cheapest `
        + `could cost up to ${cheapestUnaffordable} nano-USD`, "budget");
    case "failed":
      return new NoCandidateError(`every eligible model has already failed for this request (${dropped.get("failed")} tried)`, "exhausted");
    case "context":
      return new NoCandidateError(`no candidate model has a context window for about ${inputTokens} input tokens plus the output`, "filtered");
    case "capability":
      return new NoCandidateError(`no candidate model supports ${needed.join(" and ")}`, "filtered");
    default:
      return new NoCandidateError("every candidate model is excluded by the allow/deny lists", "filtered");
  }
}
