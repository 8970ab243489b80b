// When the policy service cannot be reached the gateway still routes: it runs a simple backend of
// the policy service's pure core in-process (cheapest by default), so an outage of the policy
// service degrades routing quality, not availability. Its answers say so in `policy`.
import type { DecideRequest, DecideResponse__Output, Logger } from "../../../common/src/index.js";
import type { PolicyBackend } from "../../../policy/src/core/backend.js";
import { CheapestBackend } from "../../../policy/src/core/backends/cheapest.js";
import { TierBackend } from "../../../policy/src/core/backends/tier.js";
import { fillDecideRequest, fillDecideResponse } from "../core/decide-defaults.js";
import { fromPolicyError } from "./policy-errors.js";

const BACKENDS: Record<string, () => PolicyBackend> = {
  cheapest: () => new CheapestBackend(),
  tier: () => new TierBackend(),
};

export const FALLBACK_POLICIES = Object.keys(BACKENDS);

export class FallbackPolicy {
  private readonly backend: PolicyBackend;

  constructor(name: string, private readonly logger: Logger) {
    this.backend = BACKENDS[name]!();
  }

  async decide(request: DecideRequest): Promise<DecideResponse__Output> {
    // the backend expects the request as gRPC would deliver it: every default filled in
    const full = fillDecideRequest(request);
    if (full.hints) full.hints.policy = "";
    try {
      const decoded = fillDecideResponse(await this.backend.decide(full));
      return { ...decoded, policy: `fallback:${this.backend.name}`, routing_strategy: `fallback:${decoded.routing_strategy || this.backend.name}` };
    } catch (error) {
      throw fromPolicyError(error, this.logger, full.request_id);
    }
  }
}
