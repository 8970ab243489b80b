// Environment of the policy service, parsed once at start. Whether XROUTER_POLICY_DEFAULT names
// a real backend is checked when the backends are built (app.ts), since only that knows them.
import { z } from "zod";
import { optionalString, parseConfig, port } from "../../common/src/index.js";

const schema = z.object({
  XROUTER_POLICY_PORT: port(50061),
  XROUTER_BIND_HOST: z.string().min(1).default("127.0.0.1"),
  XROUTER_POLICY_DEFAULT: z.string().trim().regex(/^[a-z0-9][a-z0-9._-]*$/, "a policy name: lowercase letters, digits, . _ -")
    .default("cheapest"),
  XROUTER_POLICY_FIXED_MODEL: optionalString,
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
}).superRefine((env, ctx) => {
  if (env.XROUTER_POLICY_DEFAULT === "fixed" && !env.XROUTER_POLICY_FIXED_MODEL) {
    ctx.addIssue({ code: "custom", path: ["XROUTER_POLICY_FIXED_MODEL"], message: "required when XROUTER_POLICY_DEFAULT is fixed" });
  }
});

export interface PolicyConfig {
  port: number;
  host: string;
  defaultPolicy: string;
  fixedModel: string | undefined;
  logLevel: string;
}

export function loadPolicyConfig(env: NodeJS.ProcessEnv = process.env): PolicyConfig {
  const parsed = parseConfig(schema, env);
  return {
    port: parsed.XROUTER_POLICY_PORT,
    host: parsed.XROUTER_BIND_HOST,
    defaultPolicy: parsed.XROUTER_POLICY_DEFAULT,
    fixedModel: parsed.XROUTER_POLICY_FIXED_MODEL,
    logLevel: parsed.LOG_LEVEL,
  };
}
