// Environment of the policy service, parsed once at start. Whether XROUTER_POLICY_DEFAULT names
// a real backend is checked when the backends are built (app.ts), since only that knows them.
import { z } from "zod";
import { optionalString, parseConfig, perMillionToNanoPerToken, port, positiveInt } from "../../common/src/index.js";

const XROUTER_POLICIES = ["xrouter", "xrouter-simple"];

/** USD per 1M tokens, as published; kept only when it is a whole number of nano-USD per token. */
const pricePerMillion = (fallback: number) => z.coerce.number().default(fallback).transform((usd, ctx) => {
  try {
    return perMillionToNanoPerToken(usd);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

/** XROUTER_POLICY_DEFAULT; the gateway reads it too, to decide in-process as this service would. */
export const defaultPolicyName = z.string().trim().regex(/^[a-z0-9][a-z0-9._-]*$/, "a policy name: lowercase letters, digits, . _ -")
  .default("cheapest");

const schema = z.object({
  XROUTER_POLICY_PORT: port(50061),
  /** Prometheus /metrics; unset: not served. */
  XROUTER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  XROUTER_BIND_HOST: z.string().min(1).default("127.0.0.1"),
  XROUTER_POLICY_DEFAULT: defaultPolicyName,
  XROUTER_POLICY_FIXED_MODEL: optionalString,
  /** A learned-policy artifact (npm run train); registers the `learned` backend. */
  XROUTER_LEARNED_ARTIFACT: optionalString,
  XROUTER_ROUTER_LLM_URL: optionalString.pipe(z.url({ protocol: /^https?$/, error: "an http(s) URL such as http://vllm:8000/v1" }).optional()),
  XROUTER_ROUTER_LLM_MODEL: optionalString,
  XROUTER_ROUTER_LLM_API_KEY: optionalString,
  XROUTER_ROUTER_LLM_TIMEOUT_MS: positiveInt(30_000),
  XROUTER_ROUTER_PRICE_INPUT: pricePerMillion(0.04),
  XROUTER_ROUTER_PRICE_OUTPUT: pricePerMillion(0.1),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
}).superRefine((env, ctx) => {
  if (env.XROUTER_POLICY_DEFAULT === "learned" && !env.XROUTER_LEARNED_ARTIFACT) {
    ctx.addIssue({ code: "custom", path: ["XROUTER_LEARNED_ARTIFACT"], message: "required when XROUTER_POLICY_DEFAULT is learned" });
  }
  if (env.XROUTER_POLICY_DEFAULT === "fixed" && !env.XROUTER_POLICY_FIXED_MODEL) {
    ctx.addIssue({ code: "custom", path: ["XROUTER_POLICY_FIXED_MODEL"], message: "required when XROUTER_POLICY_DEFAULT is fixed" });
  }
  if (XROUTER_POLICIES.includes(env.XROUTER_POLICY_DEFAULT) && !env.XROUTER_ROUTER_LLM_URL) {
    const message = `required when XROUTER_POLICY_DEFAULT is ${env.XROUTER_POLICY_DEFAULT}`;
    ctx.addIssue({ code: "custom", path: ["XROUTER_ROUTER_LLM_URL"], message });
  }
  if (env.XROUTER_ROUTER_LLM_URL && !env.XROUTER_ROUTER_LLM_MODEL) {
    ctx.addIssue({ code: "custom", path: ["XROUTER_ROUTER_LLM_MODEL"], message: "required with XROUTER_ROUTER_LLM_URL: the served model name" });
  }
});

export interface RouterLlmConfig {
  url: string;
  model: string;
  apiKey: string | undefined;
  timeoutMs: number;
  price: { input_nanousd_per_token: number; output_nanousd_per_token: number };
}

export interface PolicyConfig {
  port: number;
  host: string;
  defaultPolicy: string;
  fixedModel: string | undefined;
  learnedArtifact: string | undefined;
  metricsPort: number | undefined;
  /** Absent when XROUTER_ROUTER_LLM_URL is unset: the xrouter backends are then not offered. */
  routerLlm: RouterLlmConfig | undefined;
  logLevel: string;
}

export function loadPolicyConfig(env: NodeJS.ProcessEnv = process.env): PolicyConfig {
  const parsed = parseConfig(schema, env);
  return {
    port: parsed.XROUTER_POLICY_PORT,
    host: parsed.XROUTER_BIND_HOST,
    defaultPolicy: parsed.XROUTER_POLICY_DEFAULT,
    fixedModel: parsed.XROUTER_POLICY_FIXED_MODEL,
    learnedArtifact: parsed.XROUTER_LEARNED_ARTIFACT,
    metricsPort: parsed.XROUTER_METRICS_PORT,
    routerLlm: parsed.XROUTER_ROUTER_LLM_URL ? {
      url: parsed.XROUTER_ROUTER_LLM_URL, model: parsed.XROUTER_ROUTER_LLM_MODEL!, apiKey: parsed.XROUTER_ROUTER_LLM_API_KEY,
      timeoutMs: parsed.XROUTER_ROUTER_LLM_TIMEOUT_MS,
      price: { input_nanousd_per_token: parsed.XROUTER_ROUTER_PRICE_INPUT, output_nanousd_per_token: parsed.XROUTER_ROUTER_PRICE_OUTPUT },
    } : undefined,
    logLevel: parsed.LOG_LEVEL,
  };
}
