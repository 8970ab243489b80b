// Failures of a policy backend the gateway ran itself, translated to the errors the gateway
// answers when the policy service reports the same failure over gRPC (toStatus in the policy
// service, then fromGrpcError here): a client cannot tell where the decision was made.
import { budgetExceeded, invalidRequest, upstreamFailed, XRouterError, type Logger } from "../../../common/src/index.js";
import { NoCandidateError } from "../../../policy/src/core/backend.js";
import { InvalidHintError } from "../../../policy/src/core/errors.js";

export function fromPolicyError(error: unknown, logger: Logger, requestId: string): XRouterError {
  if (error instanceof XRouterError) return error;
  if (error instanceof NoCandidateError) {
    if (error.reason === "budget") return budgetExceeded(error.message);
    if (error.reason === "exhausted") return upstreamFailed(error.message, error);
    return invalidRequest(error.message, null, "no_eligible_model");
  }
  if (error instanceof InvalidHintError) return invalidRequest(error.message, null, "invalid_routing_request");
  // as the policy service does: the cause in the log, a generic 500 for the client
  logger.error({ request_id: requestId, err: error }, "decide failed");
  return new XRouterError("The server had an error while processing your request.", {
    status: 500, type: "api_error", code: "internal_error", cause: error,
  });
}
