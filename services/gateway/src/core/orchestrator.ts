// The orchestration loop: ask the policy for the next step, make the calls it asks for (each one
// reserved against the key's budget first), hand the outcomes back, until there is an answer or
// the turn limit is reached. Transport-free: the ports are injected.
import {
  budgetExceeded, estimateInputTokens, timedOut, upstreamFailed, worstCaseCostNano, XRouterError,
  type CallOutcome, type CatalogModel, type ChatMessage, type DecideRequest, type DecideResponse__Output,
  type ProviderCall, type ProviderResult__Output, type RoutingHints, type SamplingParams,
} from "../../../common/src/index.js";
import { toCandidate } from "./candidates.js";

export interface DispatchOptions {
  /** Streamed calls: each text delta as it arrives. */
  onDelta?: (callId: string, content: string) => void;
  /** Aborted when the client went away: the calls are cancelled upstream. */
  signal?: AbortSignal;
}

export interface OrchestratorPorts {
  decide(request: DecideRequest): Promise<DecideResponse__Output>;
  /** Sends the calls and resolves with one result per call, in order (a TIMEOUT result past the deadline). */
  dispatch(calls: ProviderCall[], options?: DispatchOptions): Promise<ProviderResult__Output[]>;
  /** Holds a call's worst case against the key's budget; `budgetLeaseId` names the lease it was drawn from, if any. */
  reserve(reservation: { reservationId: string; keyId: string; requestId: string; modelId: string; amountNanoUsd: number }):
    Promise<{ ok: boolean; reason: string; budgetLeaseId?: string }>;
  /** Gives back the hold of a reserved call that will not be sent. */
  unreserve(reservationId: string): Promise<void>;
  newCallId(): string;
  now(): number;
}

export interface RoutingContext {
  requestId: string;
  tenantId: string;
  keyId: string;
  messages: ChatMessage[];
  params: SamplingParams;
  candidates: CatalogModel[];
  hints: RoutingHints;
  /** Absent when no budget applies to the key. */
  remainingBudgetNanoUsd?: number;
  /** A catalog model named in `model`: routing is bypassed, the call is still budgeted and recorded. */
  pinnedModel?: CatalogModel;
  maxTurns: number;
  defaultMaxTokens: number;
  maxParallelCalls: number;
  /** Set for `stream: true`: a call whose answer will be final streams its text here as it arrives. */
  stream?: { onText(text: string, modelId: string): void };
  signal?: AbortSignal;
}

export interface CallHistoryEntry {
  call_id: string;
  turn: number;
  model: string;
  provider: string;
  status: string;
  input_tokens: number;
  output_tokens: number;
  cost_nanousd: number;
  latency_ms: number;
  error?: string;
  system_prompt?: string;
  response?: string;
}

export interface RoutedAnswer {
  content: string;
  toolCalls: ProviderResult__Output["tool_calls"];
  finishReason: string;
  modelUsed: string;
  usage: { input_tokens: number; output_tokens: number; cached_input_tokens: number; reasoning_tokens: number };
  targetCostNanoUsd: number;
  routerCostNanoUsd: number;
  turnsUsed: number;
  policy: string;
  routingStrategy: string;
  callHistory: CallHistoryEntry[];
  simulated: boolean;
}

/** What the loop did so far; the caller keeps it to record cost and history when the loop throws. */
export interface LoopState {
  outcomes: CallOutcome[];
  results: Map<string, ProviderResult__Output>;
  history: CallHistoryEntry[];
  routerCost: number;
  policy: string;
  strategy: string;
  /** Text already sent to a streaming client: after that, no fallback can take the answer back. */
  streamedText: boolean;
}

export const newLoopState = (): LoopState => ({
  outcomes: [], results: new Map(), history: [], routerCost: 0, policy: "", strategy: "", streamedText: false,
});

export const spentNanoUsd = (state: LoopState): number =>
  state.routerCost + state.history.reduce((sum, h) => sum + h.cost_nanousd, 0);

export class RequestCancelled extends XRouterError {
  constructor() {
    super("The client closed the request.", { status: 499, type: "api_error", code: "client_cancelled" });
  }
}

export async function orchestrate(ctx: RoutingContext, ports: OrchestratorPorts, state: LoopState = newLoopState()): Promise<RoutedAnswer> {
  if (ctx.pinnedModel) {
    const result = await runCalls(ctx, ports, state, 1, [{ model: ctx.pinnedModel, systemPrompt: "", temperature: undefined, maxTokens: 0 }], true);
    state.policy = "pinned";
    state.strategy = `pinned:${ctx.pinnedModel.id}`;
    const first = result[0]!;
    if (first.status !== "CALL_STATUS_OK") throw failureOf(state);
    return answerFrom(first, 1, state);
  }
  const byId = new Map(ctx.candidates.map((m) => [m.id, m]));
  for (let turn = 1; turn <= ctx.maxTurns; turn += 1) {
    let decision: DecideResponse__Output;
    try {
      decision = await ports.decide(decideRequest(ctx, state, turn));
    } catch (error) {
      // "every model failed" from the policy: the calls themselves tell the client more
      if (error instanceof XRouterError && error.code === "upstream_failed" && state.history.length > 0) throw failureOf(state);
      throw error;
    }
    state.routerCost += decision.router_cost_nanousd;
    state.policy = decision.policy;
    state.strategy = decision.routing_strategy;
    if (decision.action === "answer" && decision.answer) {
      return directAnswer(decision.answer.content, turn, state);
    }
    if (decision.action === "select" && decision.select) {
      const chosen = state.results.get(decision.select.call_id);
      if (chosen?.status === "CALL_STATUS_OK") return answerFrom(chosen, turn, state);
      continue; // selecting a missing or failed answer is a failed turn, not a crash
    }
    const planned = (decision.call?.calls ?? []).slice(0, ctx.maxParallelCalls).flatMap((c) => {
      const model = byId.get(c.model_id);
      return model ? [{ model, systemPrompt: c.system_prompt, temperature: c.temperature ?? undefined, maxTokens: c.max_tokens }] : [];
    });
    if (planned.length === 0) continue;
    const results = await runCalls(ctx, ports, state, turn, planned, decision.call?.final_if_ok ?? false);
    if (decision.call?.final_if_ok && results.length === 1 && results[0]!.status === "CALL_STATUS_OK") {
      return answerFrom(results[0]!, turn, state);
    }
  }
  const lastOk = [...state.results.values()].reverse().find((r) => r.status === "CALL_STATUS_OK");
  if (lastOk) return answerFrom(lastOk, ctx.maxTurns, state);
  throw failureOf(state);
}

function decideRequest(ctx: RoutingContext, state: LoopState, turn: number): DecideRequest {
  return {
    request_id: ctx.requestId, turn, max_turns: ctx.maxTurns, messages: ctx.messages,
    candidates: ctx.candidates.map(toCandidate),
    remaining_budget_nanousd: ctx.remainingBudgetNanoUsd === undefined ? undefined
      : ctx.remainingBudgetNanoUsd - state.history.reduce((sum, h) => sum + h.cost_nanousd, 0),
    hints: ctx.hints, outcomes: state.outcomes, params: ctx.params,
  };
}

interface PlannedCall { model: CatalogModel; systemPrompt: string; temperature: number | undefined; maxTokens: number }
interface PreparedCall { call: ProviderCall; planned: PlannedCall; denied: string | undefined }

async function runCalls(ctx: RoutingContext, ports: OrchestratorPorts, state: LoopState, turn: number, planned: PlannedCall[], finalIfOk: boolean) {
  if (ctx.signal?.aborted) throw new RequestCancelled();
  const streaming = ctx.stream !== undefined && planned.length === 1 && finalIfOk;
  const settled = await Promise.allSettled(planned.map(async (p) => {
    const messages = p.systemPrompt ? [{ role: "system", content: p.systemPrompt }, ...ctx.messages] : ctx.messages;
    const maxTokens = p.maxTokens || ctx.params.max_tokens || Math.min(p.model.max_output_tokens, ctx.defaultMaxTokens);
    const call: ProviderCall = {
      call_id: ports.newCallId(), request_id: ctx.requestId, tenant_id: ctx.tenantId, key_id: ctx.keyId,
      model_id: p.model.id, provider: p.model.provider, upstream_model: p.model.upstream_model, messages,
      params: { ...ctx.params, max_tokens: maxTokens, temperature: p.temperature ?? ctx.params.temperature },
      price: p.model.price, stream: streaming,
    };
    if (ctx.remainingBudgetNanoUsd !== undefined) {
      const amount = worstCaseCostNano(estimateInputTokens(messages), maxTokens, p.model.price);
      const reservation = await ports.reserve({
        reservationId: call.call_id!, keyId: ctx.keyId, requestId: ctx.requestId, modelId: p.model.id, amountNanoUsd: amount,
      });
      if (!reservation.ok) return { call, planned: p, denied: reservation.reason || "budget exceeded" };
      if (reservation.budgetLeaseId) call.budget_lease_id = reservation.budgetLeaseId;
    }
    return { call, planned: p, denied: undefined };
  }));
  const failed = settled.find((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed) {
    // none of the turn's calls is sent: the holds the others took go back (the ledger was unreachable for one)
    await Promise.all(settled.flatMap((s) => (s.status === "fulfilled" && s.value.denied === undefined && ctx.remainingBudgetNanoUsd !== undefined
      ? [ports.unreserve(s.value.call.call_id!)] : [])));
    throw failed.reason;
  }
  const prepared = settled.map((s) => (s as PromiseFulfilledResult<PreparedCall>).value);
  const allowed = prepared.filter((p) => p.denied === undefined).map((p) => p.call);
  const onDelta = streaming ? (_callId: string, content: string) => {
    state.streamedText = true;
    ctx.stream!.onText(content, planned[0]!.model.id);
  } : undefined;
  const dispatched = allowed.length > 0 ? await ports.dispatch(allowed, { onDelta, signal: ctx.signal }) : [];
  const byCall = new Map(dispatched.map((r) => [r.call_id, r]));
  const results = prepared.map(({ call, planned: p, denied }) => {
    const result = byCall.get(call.call_id!) ?? deniedResult(call, denied ?? "not dispatched");
    record(state, turn, p, result, denied !== undefined);
    return result;
  });
  if (ctx.signal?.aborted) throw new RequestCancelled();
  if (state.streamedText && results.some((r) => r.status !== "CALL_STATUS_OK")) {
    throw upstreamFailed(`The stream from ${results[0]!.model_id} broke off: ${results[0]!.error?.message ?? "no final result"}.`);
  }
  return results;
}

function deniedResult(call: ProviderCall, reason: string): ProviderResult__Output {
  return {
    call_id: call.call_id!, request_id: call.request_id!, model_id: call.model_id!, provider: call.provider!,
    status: "CALL_STATUS_FAILED", content: "", tool_calls: [], finish_reason: "", usage: null, cost_nanousd: 0,
    latency_ms: 0, attempts: 0, executor_id: "", response_model: "", simulated: false, execution: 0,
    error: { code: "budget_exceeded", message: reason, upstream_status: 0, retryable: false },
  };
}

function record(state: LoopState, turn: number, planned: PlannedCall, result: ProviderResult__Output, budgetDenied: boolean) {
  state.results.set(result.call_id, result);
  state.outcomes.push({
    call_id: result.call_id, model_id: result.model_id, turn, status: result.status, content: result.content,
    usage: result.usage ?? undefined, cost_nanousd: result.cost_nanousd, error_message: result.error?.message ?? "",
    system_prompt: planned.systemPrompt, temperature: planned.temperature,
  });
  state.history.push({
    call_id: result.call_id, turn, model: result.model_id, provider: result.provider,
    status: budgetDenied ? "budget_exceeded" : result.status.replace("CALL_STATUS_", "").toLowerCase(),
    input_tokens: result.usage?.input_tokens ?? 0, output_tokens: result.usage?.output_tokens ?? 0,
    cost_nanousd: result.cost_nanousd, latency_ms: result.latency_ms,
    ...(result.error?.message ? { error: result.error.message } : {}),
    system_prompt: planned.systemPrompt,
    response: result.content,
  });
}

function totals(state: LoopState) {
  const usage = { input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, reasoning_tokens: 0 };
  let cost = 0;
  for (const r of state.results.values()) {
    usage.input_tokens += r.usage?.input_tokens ?? 0;
    usage.output_tokens += r.usage?.output_tokens ?? 0;
    usage.cached_input_tokens += r.usage?.cached_input_tokens ?? 0;
    usage.reasoning_tokens += r.usage?.reasoning_tokens ?? 0;
    cost += r.cost_nanousd;
  }
  return { usage, cost };
}

function answerFrom(result: ProviderResult__Output, turn: number, state: LoopState): RoutedAnswer {
  const { usage, cost } = totals(state);
  return {
    content: result.content, toolCalls: result.tool_calls, finishReason: result.finish_reason || "stop",
    modelUsed: result.model_id, usage, targetCostNanoUsd: cost, routerCostNanoUsd: state.routerCost, turnsUsed: turn,
    policy: state.policy, routingStrategy: state.strategy, callHistory: state.history, simulated: result.simulated,
  };
}

function directAnswer(content: string, turn: number, state: LoopState): RoutedAnswer {
  const { usage, cost } = totals(state);
  return {
    content, toolCalls: [], finishReason: "stop", modelUsed: "router", usage, targetCostNanoUsd: cost,
    routerCostNanoUsd: state.routerCost, turnsUsed: turn, policy: state.policy, routingStrategy: state.strategy,
    callHistory: state.history, simulated: false,
  };
}

/** The error a request ends with when no call succeeded: the most telling failure wins. */
export function failureOf(state: { history: CallHistoryEntry[] }): XRouterError {
  const last = state.history.at(-1);
  if (!last) return upstreamFailed("The router made no model call.");
  if (state.history.every((h) => h.status === "budget_exceeded")) {
    return budgetExceeded(`Budget exceeded: ${last.error ?? "the key's budget cannot cover this request"}.`);
  }
  if (last.status === "timeout") return timedOut(`The model call to ${last.model} timed out.`);
  return upstreamFailed(`Every model call failed; last: ${last.model}: ${last.error ?? last.status}.`);
}
