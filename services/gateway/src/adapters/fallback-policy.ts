// When the policy service cannot be reached the gateway still routes: it runs a simple backend of
// the policy service's pure core in-process (cheapest by default), so an outage of the policy
// service degrades routing quality, not availability. Its answers say so in `policy`.
import {
  budgetExceeded, decideRequestCodec, decideResponseCodec, invalidRequest, upstreamFailed,
  type DecideRequest, type DecideResponse__Output,
} from "../../../common/src/index.js";
import { NoCandidateError, type PolicyBackend } from "../../../policy/src/core/backend.js";
import { CheapestBackend } from "../../../policy/src/core/backends/cheapest.js";
import { TierBackend } from "../../../policy/src/core/backends/tier.js";

const BACKENDS: Record<string, () => PolicyBackend> = {
  cheapest: () => new CheapestBackend(),
  tier: () => new TierBackend(),
};

export const FALLBACK_POLICIES = Object.keys(BACKENDS);

export class FallbackPolicy {
  private readonly backend: PolicyBackend;

  constructor(name: string) {
    this.backend = BACKENDS[name]!();
  }

  async decide(request: DecideRequest): Promise<DecideResponse__Output> {
    // the backend expects the request as gRPC would deliver it: every default filled in
    const full = decideRequestCodec.decode(decideRequestCodec.encode({ ...request, hints: { ...request.hints, policy: "" } }));
    try {
      const response = await this.backend.decide(full);
      const decoded = decideResponseCodec.decode(decideResponseCodec.encode(response));
      return { ...decoded, policy: `fallback:${this.backend.name}`, routing_strategy: `fallback:${decoded.routing_strategy || this.backend.name}` };
    } catch (error) {
      if (!(error instanceof NoCandidateError)) throw error;
      if (error.reason === "budget") throw budgetExceeded(error.message);
      if (error.reason === "exhausted") throw upstreamFailed(error.message, error);
      throw invalidRequest(error.message, null, "no_eligible_model");
    }
  }
}
