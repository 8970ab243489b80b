// Where each Decide is made. The policies whose backends need nothing but the request (cheapest,
// random, tier, fixed, learned) run in this process: a gRPC round trip to the policy service costs
// more latency and CPU than the decision itself. The rest (the xrouter backends, which ask a
// router LLM) go to the policy service, with the fallback policy when it cannot be reached.
// Either way a client sees the same answers and the same errors.
import {
  inSpan, mark, SpanKind, type DecideRequest, type DecideRequest__Output, type DecideResponse, type DecideResponse__Output,
  type Logger, type PolicyClient,
} from "../../../common/src/index.js";
import { observeDecision } from "../../../policy/src/adapters/grpc.js";
import type { PolicyBackend } from "../../../policy/src/core/backend.js";
import { fillDecideRequest, fillDecideResponse } from "../core/decide-defaults.js";
import type { FallbackPolicy } from "./fallback-policy.js";
import { fromGrpcError, isUnreachable } from "./grpc-errors.js";
import { fromPolicyError } from "./policy-errors.js";

export interface Decider {
  decide(request: DecideRequest): Promise<DecideResponse__Output>;
}

export interface LocalPolicies {
  backends: ReadonlyMap<string, PolicyBackend>;
  /** XROUTER_POLICY_DEFAULT, as the policy service reads it; it may name a policy only the service has. */
  defaultName: string;
}

/**
 * Runs a policy backend in this process on a request with every default filled in (as gRPC would
 * deliver it), and answers as the policy service would: the same response shape, the same errors.
 */
export async function runBackend(
  backend: PolicyBackend, full: DecideRequest__Output, logger: Logger,
  observe?: (full: DecideRequest__Output, decided: DecideResponse) => void,
): Promise<DecideResponse__Output> {
  try {
    const response = await backend.decide(full);
    const decided = { ...response, policy: response.policy || backend.name };
    observe?.(full, decided);
    mark("gateway.decided", full.request_id);
    return fillDecideResponse(decided);
  } catch (error) {
    throw fromPolicyError(error, logger, full.request_id);
  }
}

export class PolicyDecider implements Decider {
  constructor(private readonly deps: {
    remote: Pick<PolicyClient, "decide">;
    /** Absent: every decision is the policy service's (XROUTER_POLICY_INPROCESS=false). */
    local?: LocalPolicies;
    /** Decides when the policy service cannot be reached; absent: 503 instead. */
    fallback?: FallbackPolicy;
    logger: Logger;
  }) {}

  decide(request: DecideRequest): Promise<DecideResponse__Output> {
    const local = this.deps.local;
    // the name resolves as the policy service's PolicyRouter resolves it
    const backend = local?.backends.get(request.hints?.policy?.trim() || local.defaultName);
    return backend ? this.decideLocally(backend, request) : this.decideRemotely(request);
  }

  private decideLocally(backend: PolicyBackend, request: DecideRequest): Promise<DecideResponse__Output> {
    // the span stands where the policy service's Decide server span would, with the same attributes
    return inSpan("policy.decide", { kind: SpanKind.INTERNAL }, async () => {
      const started = performance.now();
      return runBackend(backend, fillDecideRequest(request), this.deps.logger, (full, decided) =>
        observeDecision(full, decided, (performance.now() - started) / 1000));
    });
  }

  private async decideRemotely(request: DecideRequest): Promise<DecideResponse__Output> {
    try {
      const decided = await this.deps.remote.decide(request);
      mark("gateway.decided", request.request_id ?? "");
      return decided;
    } catch (error) {
      if (!this.deps.fallback || !isUnreachable(error)) throw fromGrpcError("policy", error);
      this.deps.logger.warn({ err: error, request_id: request.request_id }, "policy service unreachable; deciding in-process");
      return this.deps.fallback.decide(request);
    }
  }
}
