import { describe, expect, it } from "vitest";
import { XRouterError } from "../../../common/src/index.js";
import { hintsFromHeaders, toRoutingHints } from "./routing-hints.js";

describe("routing hints", () => {
  it("reads every x-xrouter-* header", () => {
    const h = hintsFromHeaders({
      "x-xrouter-policy": "tier", "x-xrouter-cost-weight": "2.5", "x-xrouter-max-cost-usd": "0.01", "x-xrouter-mode": "cheap",
      "x-xrouter-allow-models": "a, b", "x-xrouter-deny-models": "c", "x-xrouter-include-prompts": "true", "x-xrouter-cost-cap": "0.7",
    });
    const hints = toRoutingHints(undefined, h, "");
    expect(hints).toMatchObject({
      policy: "tier", cost_weight: 2.5, cost_cap: 0.7, max_cost_nanousd: 10_000_000, mode: "cheap",
      allow_models: ["a", "b"], deny_models: ["c"], include_prompts: true,
    });
  });

  it("lets the body win over headers, and a policy named in `model` win over the header's", () => {
    const h = hintsFromHeaders({ "x-xrouter-cost-weight": "1", "x-xrouter-policy": "tier" });
    expect(toRoutingHints({ cost_weight: 3 }, h, "").cost_weight).toBe(3);
    expect(toRoutingHints(undefined, h, "random").policy).toBe("random");
    expect(toRoutingHints({ policy: "cheapest" }, h, "random").policy).toBe("cheapest");
  });

  it("rejects a bad header value with a 400 naming the header", () => {
    let error: unknown;
    try {
      hintsFromHeaders({ "x-xrouter-mode": "turbo" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(XRouterError);
    expect((error as XRouterError).param).toBe("x-xrouter-mode");
    expect(() => hintsFromHeaders({ "x-xrouter-cost-weight": "lots" })).toThrow(/x-xrouter-cost-weight/);
  });
});
