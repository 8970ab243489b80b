import { describe, expect, it } from "vitest";
import { ConfigError } from "../../common/src/index.js";
import { loadPolicyConfig } from "./config.js";

describe("loadPolicyConfig", () => {
  it("has working defaults", () => {
    expect(loadPolicyConfig({})).toStrictEqual({
      port: 50061, host: "127.0.0.1", defaultPolicy: "cheapest", fixedModel: undefined, routerLlm: undefined, logLevel: "info",
      learnedArtifact: undefined, metricsPort: undefined,
    });
  });

  it("reads every variable", () => {
    const config = loadPolicyConfig({
      XROUTER_POLICY_PORT: "0", XROUTER_BIND_HOST: "0.0.0.0", XROUTER_POLICY_DEFAULT: "fixed",
      XROUTER_POLICY_FIXED_MODEL: "gpt-5-mini", LOG_LEVEL: "debug",
    });
    expect(config).toEqual({ port: 0, host: "0.0.0.0", defaultPolicy: "fixed", fixedModel: "gpt-5-mini", logLevel: "debug" });
  });

  it("configures the router LLM of the xrouter backends, priced at xRouter-7B's $0.04 / $0.10 per 1M by default", () => {
    const config = loadPolicyConfig({
      XROUTER_ROUTER_LLM_URL: "http://vllm:8000/v1", XROUTER_ROUTER_LLM_MODEL: "xrouter-7b", XROUTER_POLICY_DEFAULT: "xrouter",
    });
    expect(config.defaultPolicy).toBe("xrouter");
    expect(config.routerLlm).toEqual({
      url: "http://vllm:8000/v1", model: "xrouter-7b", apiKey: undefined, timeoutMs: 30_000,
      price: { input_nanousd_per_token: 40, output_nanousd_per_token: 100 },
    });
    const custom = loadPolicyConfig({
      XROUTER_ROUTER_LLM_URL: "https://router.example/v1", XROUTER_ROUTER_LLM_MODEL: "m", XROUTER_ROUTER_LLM_API_KEY: "k",
      XROUTER_ROUTER_LLM_TIMEOUT_MS: "5000", XROUTER_ROUTER_PRICE_INPUT: "0.2", XROUTER_ROUTER_PRICE_OUTPUT: "0.6",
    }).routerLlm;
    expect(custom).toEqual({
      url: "https://router.example/v1", model: "m", apiKey: "k", timeoutMs: 5000,
      price: { input_nanousd_per_token: 200, output_nanousd_per_token: 600 },
    });
  });

  it("refuses an xrouter default without an endpoint, an endpoint without a model, bad URLs and prices", () => {
    expect(() => loadPolicyConfig({ XROUTER_POLICY_DEFAULT: "xrouter-simple" })).toThrow(/XROUTER_ROUTER_LLM_URL: required/);
    expect(() => loadPolicyConfig({ XROUTER_ROUTER_LLM_URL: "http://vllm:8000/v1" })).toThrow(/XROUTER_ROUTER_LLM_MODEL/);
    expect(() => loadPolicyConfig({ XROUTER_ROUTER_LLM_URL: "vllm:8000", XROUTER_ROUTER_LLM_MODEL: "m" })).toThrow(/XROUTER_ROUTER_LLM_URL/);
    expect(() => loadPolicyConfig({ XROUTER_ROUTER_PRICE_INPUT: "0.0001" })).toThrow(/XROUTER_ROUTER_PRICE_INPUT: .*finer than/);
    expect(() => loadPolicyConfig({ XROUTER_ROUTER_PRICE_OUTPUT: "-1" })).toThrow(/XROUTER_ROUTER_PRICE_OUTPUT/);
    expect(() => loadPolicyConfig({ XROUTER_ROUTER_LLM_TIMEOUT_MS: "0" })).toThrow(/XROUTER_ROUTER_LLM_TIMEOUT_MS/);
  });

  it("fails fast on bad values, naming the variables", () => {
    expect(() => loadPolicyConfig({ XROUTER_POLICY_PORT: "70000" })).toThrow(/XROUTER_POLICY_PORT/);
    expect(() => loadPolicyConfig({ LOG_LEVEL: "loud" })).toThrow(ConfigError);
    expect(() => loadPolicyConfig({ XROUTER_POLICY_DEFAULT: "fixed" })).toThrow(/XROUTER_POLICY_FIXED_MODEL/);
  });
});
