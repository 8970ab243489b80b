// PolicyService over gRPC. Expected refusals map to the status a gateway can act on (budget ->
// RESOURCE_EXHAUSTED, all failed -> UNAVAILABLE ...) with a message written for clients; anything
// unexpected is logged with its cause and answered INTERNAL with a generic message, so internals
// never leak to a client.
import {
  grpc, metrics, trace, XRouter, type DecideRequest__Output, type DecideResponse, type Logger, type PolicyServiceHandlers,
} from "../../../common/src/index.js";
import { NoCandidateError } from "../core/backend.js";
import { InvalidHintError, RouterUnavailableError } from "../core/errors.js";
import type { PolicyRouter } from "../core/router.js";

export const POLICY_SERVICE_NAME = "xrouter.policy.v1.PolicyService";

const NO_CANDIDATE_STATUS: Record<NoCandidateError["reason"], grpc.status> = {
  budget: grpc.status.RESOURCE_EXHAUSTED,
  exhausted: grpc.status.UNAVAILABLE,
  filtered: grpc.status.FAILED_PRECONDITION,
};

/**
 * Every refusal of ours names its reason in the `xrouter-reason` trailer, so the gateway can tell
 * "every model failed" (exhausted) from "the policy service itself is unreachable" without parsing text.
 */
export const REASON_KEY = "xrouter-reason";

function withReason(code: grpc.status, details: string, reason: string): Partial<grpc.StatusObject> {
  const metadata = new grpc.Metadata();
  metadata.set(REASON_KEY, reason);
  return { code, details, metadata };
}

export const ROUTER_UNAVAILABLE_DETAILS = "the routing model could not be reached (no connection, no answer in time or an error); "
  + "try again, or name another routing policy";

export function toStatus(error: unknown, logger: Logger, requestId: string): Partial<grpc.StatusObject> {
  if (error instanceof NoCandidateError) {
    logger.info({ request_id: requestId, reason: error.reason, err: error.message }, "no candidate");
    return withReason(NO_CANDIDATE_STATUS[error.reason], error.message, error.reason);
  }
  if (error instanceof InvalidHintError) {
    logger.info({ request_id: requestId, hint: error.hint, err: error.message }, "invalid routing hint");
    return withReason(grpc.status.INVALID_ARGUMENT, error.message, "invalid_hint");
  }
  if (error instanceof RouterUnavailableError) {
    logger.warn({ request_id: requestId, kind: error.kind, err: error }, "router model unavailable");
    return withReason(grpc.status.UNAVAILABLE, ROUTER_UNAVAILABLE_DETAILS, "router_unavailable");
  }
  logger.error({ request_id: requestId, err: error }, "decide failed");
  return withReason(grpc.status.INTERNAL, "the routing policy failed; see the policy service logs", "internal");
}

/** The decision on the active span (the gRPC server's, or the gateway's in-process one) and in the metrics. */
export function observeDecision(request: DecideRequest__Output, response: DecideResponse, seconds: number): void {
  const action = response.call ? "call" : response.select ? "select" : "answer";
  trace.getActiveSpan()?.setAttributes({
    [XRouter.policy]: response.policy ?? "", [XRouter.routingStrategy]: response.routing_strategy ?? "",
    [XRouter.decision]: action, [XRouter.turn]: request.turn,
    [XRouter.candidates]: request.candidates.map((c) => c.model_id),
    [XRouter.requestId]: request.request_id,
  });
  metrics.decisions.inc({ policy: response.policy || "unknown", action });
  metrics.decisionDuration.observe({ policy: response.policy || "unknown" }, seconds);
}

export function policyHandlers(router: PolicyRouter, logger: Logger): PolicyServiceHandlers {
  return {
    Decide(call: grpc.ServerUnaryCall<DecideRequest__Output, DecideResponse>, callback: grpc.sendUnaryData<DecideResponse>) {
      const request = call.request;
      const started = performance.now();
      router.decide(request).then(
        (response) => {
          observeDecision(request, response, (performance.now() - started) / 1000);
          logger.debug({
            request_id: request.request_id, turn: request.turn, policy: response.policy,
            strategy: response.routing_strategy, models: response.call?.calls?.map((c) => c.model_id),
            select: response.select?.call_id,
          }, "decided");
          callback(null, response);
        },
        (error: unknown) => callback(toStatus(error, logger, request.request_id)),
      );
    },
  };
}
