// When the policy service cannot be reached the gateway still routes: it runs a simple backend of
// the policy service's pure core in-process (cheapest by default), so an outage of the policy
// service degrades routing quality, not availability. Its answers say so in `policy`.
import type { DecideRequest, DecideResponse__Output, Logger } from "../../../common/src/index.js";
import type { PolicyBackend } from "../../../policy/src/core/backend.js";
import { CheapestBackend } from "../../../policy/src/core/backends/cheapest.js";
import { TierBackend } from "../../../policy/src/core/backends/tier.js";
import { fillDecideRequest } from "../core/decide-defaults.js";
import { runBackend } from "./policy-decider.js";

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
    const full = fillDecideRequest(request);
    if (full.hints) full.hints.policy = "";
    const decided = await runBackend(this.backend, full, this.logger);
    return { ...decided, policy: `fallback:${this.backend.name}`, routing_strategy: `fallback:${decided.routing_strategy || this.backend.name}` };
  }
}
