// Rule-based routing on the catalog's tiers: the mode names a tier and the cheapest model in it
// wins. When that tier has nothing eligible the search widens one step at a time along
// budget < standard < premium; specialized (and unknown) tiers come last because they are
// priced and tuned for narrow jobs.
import type { DecideRequest__Output, DecideResponse } from "../../../../common/src/index.js";
import type { PolicyBackend } from "../backend.js";
import type { EligibleModel } from "../candidates.js";
import { InvalidHintError, quote } from "../errors.js";
import { cheapestOf, decideSingle, describe } from "../single.js";

const LADDER = ["budget", "standard", "premium"] as const;
const MODE_TIER: Record<string, (typeof LADDER)[number]> = { cheap: "budget", balanced: "standard", quality: "premium" };
const DEFAULT_MODE = "balanced";

export function tierForMode(mode: string): (typeof LADDER)[number] {
  const key = mode.trim().toLowerCase() || DEFAULT_MODE;
  const tier = MODE_TIER[key];
  if (!tier) throw new InvalidHintError(`unknown routing mode ${quote(mode)}; use cheap, balanced or quality`, "mode");
  return tier;
}

/** Tier sets to try in order: the target, then its neighbours at distance 1, 2, then the rest. */
export function widening(target: (typeof LADDER)[number]): Array<(tier: string) => boolean> {
  const at = LADDER.indexOf(target);
  const rings: Array<(tier: string) => boolean> = [];
  for (let d = 0; d < LADDER.length; d++) {
    const ring = new Set([LADDER[at - d], LADDER[at + d]].filter((t) => t !== undefined));
    if (ring.size > 0) rings.push((tier) => ring.has(tier as (typeof LADDER)[number]));
  }
  rings.push((tier) => !(LADDER as readonly string[]).includes(tier));
  return rings;
}

export class TierBackend implements PolicyBackend {
  readonly name = "tier";

  decide(request: DecideRequest__Output): DecideResponse {
    const target = tierForMode(request.hints?.mode ?? "");
    return decideSingle(request, this.name, ({ models }) => {
      let pool: EligibleModel[] = [];
      for (const inRing of widening(target)) {
        pool = models.filter((m) => inRing(m.candidate.tier));
        if (pool.length > 0) break;
      }
      const model = cheapestOf(pool);
      const widened = model.candidate.tier !== target;
      return {
        model, strategy: widened ? `tier:${target}->${model.candidate.tier || "untiered"}` : `tier:${target}`,
        rationale: `${widened ? `nothing eligible in ${target}; widened. ` : ""}cheapest in tier (${describe(model)})`,
      };
    });
  }
}
