import { describe, expect, it } from "vitest";
import { loadGatewayConfig } from "./config.js";

describe("gateway config: in-process policies", () => {
  it("decides in-process by default, from the policy service's variables", () => {
    const config = loadGatewayConfig({ XROUTER_POLICY_FIXED_MODEL: "gpt-4o-mini" });
    expect(config.XROUTER_POLICY_INPROCESS).toBe(true);
    expect(config.XROUTER_POLICY_DEFAULT).toBe("cheapest");
    expect(config.XROUTER_POLICY_FIXED_MODEL).toBe("gpt-4o-mini");
    expect(loadGatewayConfig({ XROUTER_POLICY_INPROCESS: "false" }).XROUTER_POLICY_INPROCESS).toBe(false);
  });

  it("refuses what the policy service refuses, unless it leaves every decision to the service", () => {
    expect(() => loadGatewayConfig({ XROUTER_POLICY_DEFAULT: "fixed" })).toThrow(/XROUTER_POLICY_FIXED_MODEL/);
    expect(() => loadGatewayConfig({ XROUTER_POLICY_DEFAULT: "learned" })).toThrow(/XROUTER_LEARNED_ARTIFACT/);
    expect(() => loadGatewayConfig({ XROUTER_POLICY_DEFAULT: "Not A Name" })).toThrow(/XROUTER_POLICY_DEFAULT/);
    expect(() => loadGatewayConfig({ XROUTER_POLICY_INPROCESS: "maybe" })).toThrow(/XROUTER_POLICY_INPROCESS/);
    expect(loadGatewayConfig({ XROUTER_POLICY_DEFAULT: "fixed", XROUTER_POLICY_INPROCESS: "0" }).XROUTER_POLICY_DEFAULT).toBe("fixed");
    // a policy only the service has (it needs a router LLM) is the service's to check
    expect(loadGatewayConfig({ XROUTER_POLICY_DEFAULT: "xrouter" }).XROUTER_POLICY_DEFAULT).toBe("xrouter");
  });
});
