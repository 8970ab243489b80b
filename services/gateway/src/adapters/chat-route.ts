// POST /v1/chat/completions: authenticate, validate, route, answer, and record the request.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import {
  extractContext, inSpan, invalidRequest, mark, metrics, nanoToUsd, newCallId, newRequestId, overloaded, SpanKind, SpanStatusCode,
  XRouter, XRouterError, type Catalog, type CatalogModel, type LedgerClient, type Logger, type Span,
} from "../../../common/src/index.js";
import { parseChatRequest, toChatMessages, toSamplingParams } from "../core/chat-request.js";
import { hintsFromHeaders, toRoutingHints } from "../core/routing-hints.js";
import { allowedModels } from "../core/candidates.js";
import { buildCompletion } from "../core/completion.js";
import {
  newLoopState, orchestrate, spentNanoUsd, type LoopState, type OrchestratorPorts, type RoutedAnswer, type RoutingContext,
} from "../core/orchestrator.js";
import { resolveTarget } from "../core/routing-target.js";
import type { AuthContext, KeyAuthenticator } from "./auth.js";
import { streamCompletion } from "./chat-stream.js";
import type { CallDispatcher } from "./dispatcher.js";
import { fromGrpcError } from "./grpc-errors.js";
import { sendError } from "./openai-errors.js";
import type { RateLimitGate } from "./rate-limit.js";
import type { RequestRecordOutbox } from "./request-outbox.js";
import type { BudgetLeases } from "./budget-leases.js";
import { dispatchSettlingHolds, takeHold, type CallHold } from "./reservations.js";
import type { Decider } from "./policy-decider.js";

export interface ChatRouteDeps {
  catalog: Catalog;
  policies: readonly string[];
  auth: KeyAuthenticator;
  /** Decides in-process or asks the policy service, with its fallback (policy-decider.ts). */
  policy: Decider;
  ledger: LedgerClient;
  /** Where budgeted calls draw their worst case from; absent: one Reserve per call. */
  budgetLeases?: BudgetLeases;
  dispatcher: CallDispatcher;
  logger: Logger;
  maxTurns: number;
  defaultMaxTokens: number;
  maxParallelCalls: number;
  /** Chat requests in progress at once; past it a request is answered 503 with Retry-After at once. */
  maxConcurrentRequests: number;
  /** The pool's most expensive model: what the savings are measured against. */
  referenceModel?: CatalogModel;
  /** Per-key rate limits shared by every replica (through the ledger). */
  rateLimits: RateLimitGate;
  /** Request records, retried until the ledger has them. */
  requestRecords: RequestRecordOutbox;
}

/** Time the router itself added: the wall time minus the slowest provider call of each turn. */
function overheadMs(totalMs: number, answer: RoutedAnswer): number {
  const slowestPerTurn = new Map<number, number>();
  for (const h of answer.callHistory) slowestPerTurn.set(h.turn, Math.max(slowestPerTurn.get(h.turn) ?? 0, h.latency_ms));
  const providerMs = [...slowestPerTurn.values()].reduce((a, b) => a + b, 0);
  return Math.max(0, totalMs - providerMs);
}

export function registerChatRoute(app: FastifyInstance, deps: ChatRouteDeps): void {
  // one request's ports: the holds its calls took, by call id
  const ports = (auth: AuthContext): OrchestratorPorts => {
    const holds = new Map<string, CallHold>();
    return {
      decide: (request) => deps.policy.decide(request),
      dispatch: (calls, options) => dispatchSettlingHolds(deps.dispatcher, holds, calls, options),
      reserve: async (r) => {
        let taken;
        try {
          taken = await takeHold(deps, { ...r, keyId: auth.keyId });
        } catch (error) {
          throw fromGrpcError("ledger", error);
        }
        if (!taken.ok) return { ok: false, reason: taken.reason };
        holds.set(r.reservationId, taken.hold);
        return { ok: true, reason: "", budgetLeaseId: taken.budgetLeaseId };
      },
      unreserve: async (reservationId) => {
        const hold = holds.get(reservationId);
        holds.delete(reservationId);
        await hold?.unsent();
      },
      newCallId,
      now: () => Date.now(),
    };
  };

  app.post("/v1/chat/completions", (request, reply) => inSpan("POST /v1/chat/completions", {
    kind: SpanKind.SERVER, attributes: { "http.request.method": "POST", "http.route": "/v1/chat/completions" },
  }, (span) => handle(request, reply, span), extractContext(request.headers as Record<string, string>)));

  let inProgress = 0;

  async function handle(request: FastifyRequest, reply: FastifyReply, span: Span) {
    if (inProgress >= deps.maxConcurrentRequests) {
      // shed before any work: past capacity every admitted request would only wait longer
      metrics.httpRequests.inc({ route: "/v1/chat/completions", status: "503" });
      void reply.header("retry-after", "1");
      return sendError(reply, overloaded(), deps.logger);
    }
    inProgress += 1;
    try {
      return await handleAdmitted(request, reply, span);
    } finally {
      inProgress -= 1;
    }
  }

  async function handleAdmitted(request: FastifyRequest, reply: FastifyReply, span: Span) {
    const started = performance.now();
    const requestId = newRequestId();
    mark("gateway.request", requestId, { subject: request.raw });
    const state = newLoopState();
    let outcome: { status: number; errorCode: string; answer?: RoutedAnswer } = { status: 500, errorCode: "internal_error" };
    let auth: AuthContext | undefined;
    let streamed = false;
    try {
      auth = await deps.auth.authenticate(request.headers.authorization);
      await deps.rateLimits.admit(auth, request.body, reply);
      const body = parseChatRequest(request.body);
      const target = resolveTarget(body.model, deps.catalog, deps.policies);
      const candidates = allowedModels(deps.catalog.models, auth.allowedModels);
      if (target.kind === "model" && !candidates.some((m) => m.id === target.model.id)) {
        throw new XRouterError(`This API key may not use the model '${target.model.id}'.`,
          { status: 403, type: "permission_error", code: "model_not_allowed", param: "model" });
      }
      if (candidates.length === 0) throw invalidRequest("This API key may use no model of the catalog.", "model", "no_eligible_model");
      const hints = toRoutingHints(body.router, hintsFromHeaders(request.headers), target.kind === "router" ? target.policy : "");
      const context: RoutingContext = {
        requestId, tenantId: auth.tenantId, keyId: auth.keyId, messages: toChatMessages(body), params: toSamplingParams(body),
        candidates, hints, remainingBudgetNanoUsd: auth.remainingBudgetNanoUsd,
        pinnedModel: target.kind === "model" ? target.model : undefined,
        maxTurns: deps.maxTurns, defaultMaxTokens: deps.defaultMaxTokens, maxParallelCalls: deps.maxParallelCalls,
      };
      const portsForKey = ports(auth);
      const complete = (answer: RoutedAnswer) => buildCompletion(answer, {
        requestId, createdUnixS: Math.floor(Date.now() / 1000), totalTimeMs: performance.now() - started,
        includePrompts: hints.include_prompts ?? false,
      });
      if (body.stream) {
        streamed = true;
        outcome = await streamCompletion(reply, {
          requestId, includeUsage: body.stream_options?.include_usage ?? false, logger: deps.logger, complete,
          run: ({ onText, signal }) => orchestrate({ ...context, stream: { onText }, signal }, portsForKey, state),
        });
        return reply;
      }
      const answer = await orchestrate(context, portsForKey, state);
      const completion = complete(answer);
      outcome = { status: 200, errorCode: "", answer };
      void reply.headers({
        "x-xrouter-model": answer.modelUsed,
        "x-xrouter-cost-usd": String(completion.router_metadata.total_cost),
        "x-xrouter-request-id": requestId,
        "x-xrouter-overhead-ms": overheadMs(completion.router_metadata.total_time * 1000, answer).toFixed(2),
      });
      return await reply.send(completion);
    } catch (error) {
      outcome = {
        status: error instanceof XRouterError ? error.status : 500,
        errorCode: error instanceof XRouterError ? error.code : "internal_error",
      };
      void reply.header("x-xrouter-request-id", requestId);
      return sendError(reply, error, deps.logger);
    } finally {
      const elapsedMs = performance.now() - started;
      // Node writes the response when this turn's microtasks are done (the socket is corked until
      // its next tick): the bookkeeping runs after that write, not in front of it
      annotateSpan(span, requestId, state, outcome, deps);
      setImmediate(() => {
        observe(state, outcome, elapsedMs, deps, streamed);
        if (auth) recordRequest(deps, auth, requestId, state, outcome, elapsedMs);
      });
    }
  }
}

const idsByCatalog = new WeakMap<Catalog, string[]>();
function candidateIds(catalog: Catalog): string[] {
  let ids = idsByCatalog.get(catalog);
  if (!ids) idsByCatalog.set(catalog, ids = catalog.models.map((m) => m.id));
  return ids;
}

/** The server span's routing attributes: set before the span ends (with no tracer it records nothing). */
function annotateSpan(span: Span, requestId: string, state: LoopState, outcome: { status: number; answer?: RoutedAnswer },
  deps: ChatRouteDeps) {
  if (!span.isRecording()) return;
  const cost = spentNanoUsd(state);
  span.setAttributes({
    "http.response.status_code": outcome.status, [XRouter.requestId]: requestId, [XRouter.policy]: state.policy,
    [XRouter.routingStrategy]: state.strategy, [XRouter.costNanoUsd]: cost, [XRouter.costUsd]: nanoToUsd(cost),
    [XRouter.routerCostUsd]: nanoToUsd(state.routerCost), [XRouter.turnsUsed]: new Set(state.history.map((h) => h.turn)).size,
    [XRouter.candidates]: candidateIds(deps.catalog),
  });
  if (outcome.answer) span.setAttribute(XRouter.modelUsed, outcome.answer.modelUsed);
  if (outcome.status >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
}

function observe(state: LoopState, outcome: { status: number; answer?: RoutedAnswer }, elapsedMs: number,
  deps: ChatRouteDeps, streamed: boolean) {
  const cost = spentNanoUsd(state);
  metrics.httpRequests.inc({ route: "/v1/chat/completions", status: String(outcome.status) });
  metrics.httpDuration.observe({ route: "/v1/chat/completions", stream: String(streamed) }, elapsedMs / 1000);
  for (const call of state.history) if (call.cost_nanousd > 0) metrics.costUsd.inc({ model: call.model }, nanoToUsd(call.cost_nanousd));
  if (outcome.answer) {
    metrics.modelChoices.inc({ model: outcome.answer.modelUsed, policy: state.policy || "none" });
    metrics.overhead.observe(overheadMs(elapsedMs, outcome.answer) / 1000);
    const reference = deps.referenceModel;
    if (reference) {
      const { input_tokens, output_tokens } = outcome.answer.usage;
      const counterfactual = input_tokens * reference.price.input_nanousd_per_token + output_tokens * reference.price.output_nanousd_per_token;
      if (counterfactual > cost) metrics.savingsUsd.inc(nanoToUsd(counterfactual - cost));
    }
  }
}

function recordRequest(deps: ChatRouteDeps, auth: AuthContext, requestId: string, state: LoopState,
  outcome: { status: number; errorCode: string; answer?: RoutedAnswer }, elapsedMs: number): void {
  const record = {
    request_id: requestId, tenant_id: auth.tenantId, key_id: auth.keyId,
    routing_strategy: state.strategy, policy: state.policy, model_used: outcome.answer?.modelUsed ?? "",
    turns: outcome.answer?.turnsUsed ?? new Set(state.history.map((h) => h.turn)).size,
    total_cost_nanousd: spentNanoUsd(state), router_cost_nanousd: state.routerCost,
    status: outcome.status === 200 ? "ok" : outcome.status === 499 ? "cancelled" : "error", http_status: outcome.status,
    latency_ms: Math.round(elapsedMs), created_unix_ms: Date.now(), error_code: outcome.errorCode,
  };
  deps.requestRecords.add(record);
}
