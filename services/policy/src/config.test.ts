import { describe, expect, it } from "vitest";
import { ConfigError } from "../../common/src/index.js";
import { loadPolicyConfig } from "./config.js";

describe("loadPolicyConfig", () => {
  it("has working defaults", () => {
    expect(loadPolicyConfig({})).toEqual({
      port: 50061, host: "127.0.0.1", defaultPolicy: "cheapest", fixedModel: undefined, logLevel: "info",
    });
  });

  it("reads every variable", () => {
    const config = loadPolicyConfig({
      XROUTER_POLICY_PORT: "0", XROUTER_BIND_HOST: "0.0.0.0", XROUTER_POLICY_DEFAULT: "fixed",
      XROUTER_POLICY_FIXED_MODEL: "gpt-5-mini", LOG_LEVEL: "debug",
    });
    expect(config).toEqual({ port: 0, host: "0.0.0.0", defaultPolicy: "fixed", fixedModel: "gpt-5-mini", logLevel: "debug" });
  });

  it("fails fast on bad values, naming the variables", () => {
    expect(() => loadPolicyConfig({ XROUTER_POLICY_PORT: "70000" })).toThrow(/XROUTER_POLICY_PORT/);
    expect(() => loadPolicyConfig({ LOG_LEVEL: "loud" })).toThrow(ConfigError);
    expect(() => loadPolicyConfig({ XROUTER_POLICY_DEFAULT: "fixed" })).toThrow(/XROUTER_POLICY_FIXED_MODEL/);
  });
});
