import { describe, expect, it } from "vitest";
import { ConfigError } from "../../../common/src/index.js";
import type { PolicyBackend } from "./backend.js";
import { CheapestBackend } from "./backends/cheapest.js";
import { TierBackend } from "./backends/tier.js";
import { UnknownPolicyError } from "./errors.js";
import { PolicyRouter } from "./router.js";
import { candidate, hints, request } from "./test-fixtures.js";

const backends = new Map<string, PolicyBackend>([["cheapest", new CheapestBackend()], ["tier", new TierBackend()]]);
const candidates = [candidate("b", { tier: "budget", input: 1, output: 1 }), candidate("p", { tier: "premium" })];

describe("PolicyRouter", () => {
  it("uses the default backend when the request names none", async () => {
    const response = await new PolicyRouter(backends, "cheapest").decide(request({ candidates }));
    expect(response.policy).toBe("cheapest");
  });

  it("uses the backend the request names", async () => {
    const response = await new PolicyRouter(backends, "cheapest")
      .decide(request({ candidates, hints: hints({ policy: "tier", mode: "quality" }) }));
    expect(response.policy).toBe("tier");
    expect(response.call?.calls?.[0]?.model_id).toBe("p");
  });

  it("rejects an unknown policy with a typed error listing the known ones", async () => {
    const router = new PolicyRouter(backends, "cheapest");
    const error = await router.decide(request({ candidates, hints: hints({ policy: "nope" }) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownPolicyError);
    expect((error as UnknownPolicyError).message).toContain("cheapest, tier");
  });

  it("refuses to be built with an unknown default", () => {
    expect(() => new PolicyRouter(backends, "learned")).toThrow(ConfigError);
  });

  it("fills in the policy name when a backend leaves it empty", async () => {
    const quiet: PolicyBackend = { name: "quiet", decide: () => ({ answer: { content: "hi" } }) };
    const response = await new PolicyRouter(new Map([["quiet", quiet]]), "quiet").decide(request());
    expect(response.policy).toBe("quiet");
  });
});
