import { describe, expect, it } from "vitest";
import { CallStatus } from "../../../../common/src/index.js";
import { InvalidHintError } from "../errors.js";
import { candidate, hints, outcome, request } from "../test-fixtures.js";
import { TierBackend, tierForMode } from "./tier.js";

const backend = new TierBackend();
const candidates = [
  candidate("budget-1", { tier: "budget", input: 60, output: 300 }),
  candidate("budget-2", { tier: "budget", input: 50, output: 200 }),
  candidate("standard-1", { tier: "standard", input: 300, output: 2500 }),
  candidate("standard-2", { tier: "standard", input: 250, output: 2000 }),
  candidate("premium-1", { tier: "premium", input: 1250, output: 10_000 }),
  candidate("premium-2", { tier: "premium", input: 3000, output: 15_000 }),
  candidate("special", { tier: "specialized", input: 1, output: 1 }),
];
const route = (mode: string, list = candidates, extra: Parameters<typeof request>[0] = {}) =>
  backend.decide(request({ candidates: list, hints: hints({ mode }), ...extra }));

describe("TierBackend", () => {
  it("maps modes to tiers, balanced by default", () => {
    expect(tierForMode("cheap")).toBe("budget");
    expect(tierForMode("balanced")).toBe("standard");
    expect(tierForMode("quality")).toBe("premium");
    expect(tierForMode("")).toBe("standard");
    expect(() => tierForMode("fastest")).toThrow(InvalidHintError);
  });

  it("calls the cheapest model within the mode's tier", () => {
    expect(route("cheap").call?.calls?.[0]?.model_id).toBe("budget-2");
    expect(route("balanced").call?.calls?.[0]?.model_id).toBe("standard-2");
    const quality = route("quality");
    expect(quality.call?.calls?.[0]?.model_id).toBe("premium-1");
    expect(quality.routing_strategy).toBe("tier:premium");
    expect(quality.call?.final_if_ok).toBe(true);
  });

  it("widens to the neighbouring tier when the target tier has nothing eligible", () => {
    const noPremium = candidates.filter((c) => c.tier !== "premium");
    const response = route("quality", noPremium);
    expect(response.call?.calls?.[0]?.model_id).toBe("standard-2");
    expect(response.routing_strategy).toBe("tier:premium->standard");
    const failedStandard = [outcome("c1", "standard-1", CallStatus.CALL_STATUS_FAILED), outcome("c2", "standard-2", CallStatus.CALL_STATUS_FAILED)];
    // Both neighbours of standard are one step away; the cheaper of them wins.
    expect(route("balanced", candidates, { outcomes: failedStandard }).call?.calls?.[0]?.model_id).toBe("budget-2");
  });

  it("reaches specialized models only when no ladder tier is eligible", () => {
    const onlySpecial = [candidates[6]!, candidates[0]!];
    expect(route("quality", onlySpecial).call?.calls?.[0]?.model_id).toBe("budget-1");
    expect(route("quality", [candidates[6]!]).call?.calls?.[0]?.model_id).toBe("special");
  });

  it("selects an earlier success and rejects an unknown mode", () => {
    expect(route("cheap", candidates, { outcomes: [outcome("c1", "budget-2", CallStatus.CALL_STATUS_OK)] }).select?.call_id).toBe("c1");
    expect(() => route("turbo")).toThrow(InvalidHintError);
  });
});
