// gRPC failures of the policy and ledger services, translated to the gateway's typed errors. A
// refusal the service itself sent names its reason in the `xrouter-reason` trailer; an error
// without it comes from the channel (the service is down or did not answer).
import {
  budgetExceeded, grpc, invalidRequest, isServiceError, unavailable, upstreamFailed, XRouterError,
} from "../../../common/src/index.js";

export const reasonOf = (error: unknown): string =>
  isServiceError(error) ? String(error.metadata?.get("xrouter-reason")[0] ?? "") : "";

/** True when the service could not be reached at all, as opposed to answering with a refusal. */
export function isUnreachable(error: unknown): boolean {
  return isServiceError(error) && reasonOf(error) === ""
    && (error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED);
}

export function fromGrpcError(service: string, error: unknown): XRouterError {
  if (error instanceof XRouterError) return error;
  if (!isServiceError(error)) return unavailable(`The ${service} service failed.`, error);
  switch (error.code) {
    case grpc.status.INVALID_ARGUMENT:
      return invalidRequest(error.details, null, "invalid_routing_request");
    case grpc.status.RESOURCE_EXHAUSTED:
      return budgetExceeded(error.details || "No model fits the remaining budget.");
    case grpc.status.FAILED_PRECONDITION:
      return invalidRequest(error.details || "No model can serve this request.", null, "no_eligible_model");
    case grpc.status.UNAVAILABLE:
      return reasonOf(error) === "exhausted" ? upstreamFailed(error.details, error)
        : unavailable(`The ${service} service is unavailable.`, error);
    case grpc.status.INTERNAL:
    case grpc.status.UNKNOWN:
      return new XRouterError("The server had an error while processing your request.", {
        status: 500, type: "api_error", code: "internal_error", cause: error,
      });
    case grpc.status.DEADLINE_EXCEEDED:
      return unavailable(`The ${service} service did not answer in time.`, error);
    default:
      return unavailable(`The ${service} service failed.`, error);
  }
}
