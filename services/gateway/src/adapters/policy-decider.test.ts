import { context, SpanKind, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  CallStatus, createLogger, grpc, loadCatalog, metrics, XRouter, XRouterError, type DecideRequest, type DecideResponse__Output,
} from "../../../common/src/index.js";
import { toStatus } from "../../../policy/src/adapters/grpc.js";
import { buildBackends } from "../../../policy/src/app.js";
import type { PolicyBackend } from "../../../policy/src/core/backend.js";
import { PolicyRouter } from "../../../policy/src/core/router.js";
import { toCandidate } from "../core/candidates.js";
import { fillDecideRequest, fillDecideResponse } from "../core/decide-defaults.js";
import { FallbackPolicy } from "./fallback-policy.js";
import { PolicyDecider } from "./policy-decider.js";

const exporter = new InMemorySpanExporter();
const manager = new AsyncLocalStorageContextManager();
beforeAll(() => {
  context.setGlobalContextManager(manager.enable());
  trace.setGlobalTracerProvider(new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] }));
});
afterAll(() => { trace.disable(); manager.disable(); context.disable(); });

const logger = createLogger("test", "silent");
const catalog = loadCatalog("xrouter");
const candidates = ["gpt-5", "claude-haiku-4.5", "gpt-4o-mini", "gpt-oss-20b"].map((id) => toCandidate(catalog.get(id)!));
const base: DecideRequest = {
  request_id: "chatcmpl-decider", turn: 1, max_turns: 3, messages: [{ role: "user", content: "Name three primes." }],
  candidates, hints: { allow_models: [], deny_models: [], mode: "", policy: "", include_prompts: false }, outcomes: [], params: { max_tokens: 256 },
};
const withHints = (hints: Partial<NonNullable<DecideRequest["hints"]>>, extra: Partial<DecideRequest> = {}): DecideRequest =>
  ({ ...base, hints: { ...base.hints, ...hints }, ...extra });

const failing: PolicyBackend = { name: "cheapest", decide: () => { throw new Error("secret stack at backend.ts:42"); } };

/** The policy service as the gateway sees it over gRPC: its router, its status mapping, a ServiceError. */
function serviceOver(backends: Map<string, PolicyBackend>, defaultName = "cheapest") {
  const router = new PolicyRouter(backends, defaultName);
  return {
    decide: vi.fn(async (request: DecideRequest): Promise<DecideResponse__Output> => {
      try {
        return fillDecideResponse(await router.decide(fillDecideRequest(request)));
      } catch (error) {
        const status = toStatus(error, logger, request.request_id ?? "");
        throw Object.assign(new Error(status.details), { code: status.code, details: status.details, metadata: status.metadata });
      }
    }),
  };
}

const unreachable = () => ({
  decide: vi.fn(async () => { throw Object.assign(new Error("no connection"), { code: grpc.status.UNAVAILABLE, details: "", metadata: new grpc.Metadata() }); }),
});

const localOnly = (remote: { decide: (r: DecideRequest) => Promise<DecideResponse__Output> }, defaultName = "cheapest", backends = buildBackends({ fixedModel: "gpt-4o-mini" })) =>
  new PolicyDecider({ remote, local: { backends, defaultName }, logger });

async function clientError(promise: Promise<unknown>) {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(XRouterError);
  const { status, type, code, param, message } = error as XRouterError;
  return { status, type, code, param, message };
}

describe("PolicyDecider: where a decision is made", () => {
  it("decides a local policy in-process, named or by default, and never asks the policy service", async () => {
    const remote = serviceOver(buildBackends({ fixedModel: "gpt-4o-mini" }));
    const decider = localOnly(remote);
    const byDefault = await decider.decide(base);
    expect(byDefault).toMatchObject({ action: "call", policy: "cheapest", call: { calls: [{ model_id: "gpt-oss-20b", max_tokens: 256 }], final_if_ok: true } });
    expect(byDefault).toEqual(await remote.decide(base)); // the very answer the service gives
    remote.decide.mockClear();
    expect((await decider.decide(withHints({ policy: " fixed " }))).call?.calls[0]?.model_id).toBe("gpt-4o-mini");
    expect((await decider.decide(withHints({ policy: "tier", mode: "quality" }))).policy).toBe("tier");
    expect(remote.decide).not.toHaveBeenCalled();
  });

  it("asks the policy service for a policy it has no backend for here", async () => {
    const remote = { decide: vi.fn(async () => fillDecideResponse({ answer: { content: "hi" }, policy: "xrouter" })) };
    const decider = localOnly(remote);
    expect((await decider.decide(withHints({ policy: "xrouter" }))).policy).toBe("xrouter");
    expect(remote.decide).toHaveBeenCalledTimes(1);
  });

  it("with a remote-only default, decides locally only the requests that name a local policy", async () => {
    const remote = { decide: vi.fn(async () => fillDecideResponse({ answer: { content: "hi" }, policy: "xrouter" })) };
    const decider = localOnly(remote, "xrouter");
    expect((await decider.decide(base)).policy).toBe("xrouter");
    expect((await decider.decide(withHints({ policy: "random" }))).policy).toBe("random");
    expect(remote.decide).toHaveBeenCalledTimes(1);
  });

  it("without local policies (XROUTER_POLICY_INPROCESS=false) asks the policy service, with the fallback when it is unreachable", async () => {
    const remote = unreachable();
    const decider = new PolicyDecider({ remote, logger, fallback: new FallbackPolicy("cheapest", logger) });
    const response = await decider.decide(base);
    expect(remote.decide).toHaveBeenCalledTimes(1);
    expect(response).toMatchObject({ policy: "fallback:cheapest", routing_strategy: "fallback:cheapest", action: "call" });
    expect(await clientError(new PolicyDecider({ remote: unreachable(), logger }).decide(base))).toMatchObject({ status: 503 });
  });

  it("puts the decision on a policy.decide span and in the decision metrics, as the policy service does", async () => {
    exporter.reset();
    const before = (await metrics.decisions.get()).values.find((v) => v.labels.policy === "tier" && v.labels.action === "call")?.value ?? 0;
    await localOnly(unreachable()).decide(withHints({ policy: "tier" }));
    const [span] = exporter.getFinishedSpans();
    expect(span?.name).toBe("policy.decide");
    expect(span?.kind).toBe(SpanKind.INTERNAL);
    expect(span?.attributes).toMatchObject({
      [XRouter.policy]: "tier", [XRouter.decision]: "call", [XRouter.turn]: 1, [XRouter.requestId]: "chatcmpl-decider",
      [XRouter.candidates]: candidates.map((c) => c.model_id),
    });
    const after = (await metrics.decisions.get()).values.find((v) => v.labels.policy === "tier" && v.labels.action === "call")?.value;
    expect(after).toBe(before + 1);
  });
});

describe("PolicyDecider: a local refusal is the error the policy service's refusal becomes", () => {
  const failed = candidates.map((c, i) => ({ call_id: `call_${i}`, model_id: c.model_id, turn: 1, status: CallStatus.CALL_STATUS_UNAVAILABLE }));
  it.each<[string, DecideRequest, Partial<XRouterError>]>([
    ["budget", withHints({}, { remaining_budget_nanousd: 1 }), { status: 402, code: "budget_exceeded" }],
    ["per-request cap", withHints({ max_cost_nanousd: 1 }), { status: 402, code: "budget_exceeded" }],
    ["filtered", withHints({ allow_models: ["not-offered"] }), { status: 400, code: "no_eligible_model" }],
    ["exhausted", withHints({}, { outcomes: failed }), { code: "upstream_failed" }],
    ["invalid hint", withHints({ policy: "tier", mode: "bogus" }), { status: 400, code: "invalid_routing_request" }],
  ])("%s", async (_, request, expected) => {
    const remote = serviceOver(buildBackends({ fixedModel: "gpt-4o-mini" }));
    const local = await clientError(localOnly(remote).decide(request));
    expect(remote.decide).not.toHaveBeenCalled();
    const viaService = await clientError(new PolicyDecider({ remote, logger }).decide(request));
    expect(local).toEqual(viaService);
    expect(local).toMatchObject(expected);
  });

  it("an unknown policy is the policy service's to refuse", async () => {
    const remote = serviceOver(buildBackends({ fixedModel: undefined }));
    const error = await clientError(localOnly(remote).decide(withHints({ policy: "no-such-policy" })));
    expect(remote.decide).toHaveBeenCalledTimes(1);
    expect(error).toMatchObject({ status: 400, code: "invalid_routing_request" });
    expect(error.message).toContain("no-such-policy");
  });

  it("a failure inside a backend is a 500 without its details", async () => {
    const backends = new Map([["cheapest", failing]]);
    const local = await clientError(localOnly(serviceOver(backends), "cheapest", backends).decide(base));
    const viaService = await clientError(new PolicyDecider({ remote: serviceOver(backends), logger }).decide(base));
    expect(local).toEqual(viaService);
    expect(local).toMatchObject({ status: 500, type: "api_error", code: "internal_error" });
    expect(JSON.stringify(local)).not.toContain("secret");
  });
});
