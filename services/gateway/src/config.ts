import { z } from "zod";
import { booleanFlag, optionalString, parseConfig, port, positiveInt } from "../../common/src/index.js";
import { defaultPolicyName } from "../../policy/src/config.js";

const schema = z.object({
  XROUTER_PORT: port(8800),
  XROUTER_BIND_HOST: z.string().default("127.0.0.1"),
  XROUTER_POLICY_ADDR: z.string().default("127.0.0.1:50061"),
  XROUTER_LEDGER_ADDR: z.string().default("127.0.0.1:50062"),
  XROUTER_TRANSPORT: z.enum(["nats", "memory"]).default("nats"),
  NATS_URL: z.string().default("127.0.0.1:4222"),
  XROUTER_NATS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only").default("xrouter"),
  XROUTER_CATALOG: z.string().default("xrouter"),
  XROUTER_MAX_TURNS: positiveInt(3),
  XROUTER_DEFAULT_MAX_TOKENS: positiveInt(4096),
  XROUTER_CALL_TIMEOUT_MS: positiveInt(120_000),
  /**
   * A call is sent without waiting for JetStream's acknowledgement; one that has sent no event this
   * long after is published again, acknowledged, to learn that it was stored (adapters/dispatcher.ts).
   * 0: every call waits for the acknowledgement before it waits for its result.
   */
  XROUTER_CALL_CONFIRM_MS: z.coerce.number().int().min(0).default(500),
  XROUTER_MAX_PARALLEL_CALLS: positiveInt(4),
  /** Chat requests in progress at once; past it: 503 with Retry-After (load shedding). */
  XROUTER_MAX_CONCURRENT_REQUESTS: positiveInt(512),
  XROUTER_MAX_BODY_BYTES: positiveInt(4 * 1024 * 1024),
  XROUTER_AUTH_CACHE_MS: z.coerce.number().int().min(0).default(2000),
  XROUTER_POLICIES: z.string().default("cheapest,fixed,random,tier,learned,xrouter,xrouter-simple")
    .transform((s) => s.split(",").map((p) => p.trim()).filter(Boolean)),
  XROUTER_EMBEDDED_EXECUTORS: positiveInt(2),
  /** Must cover an LLM policy's own answer time (the xrouter backends may call their model twice). */
  XROUTER_POLICY_TIMEOUT_MS: positiveInt(65_000),
  XROUTER_LEDGER_TIMEOUT_MS: positiveInt(5_000),
  /** A budget lease covers this many calls like the one that asks for it; 0: one Reserve per call (adapters/budget-leases.ts). */
  XROUTER_BUDGET_LEASE_CALLS: z.coerce.number().int().min(0).default(32),
  /** The most one lease holds of a key's budget (the ledger also caps it at a quarter of what is left). */
  XROUTER_BUDGET_LEASE_MAX_USD: z.coerce.number().positive().default(5),
  /** How long a request record waits for others to share its RecordRequests (bookkeeping after the answer). */
  XROUTER_REQUEST_RECORD_LINGER_MS: z.coerce.number().int().min(0).default(200),
  XROUTER_FALLBACK_POLICY: z.enum(["cheapest", "tier", "none"]).default("cheapest"),
  /** Decide the policies that need no router LLM here rather than over gRPC (policy-decider.ts). */
  XROUTER_POLICY_INPROCESS: booleanFlag(true),
  // The policy service's own variables: with XROUTER_POLICY_INPROCESS both must read the same ones.
  XROUTER_POLICY_DEFAULT: defaultPolicyName,
  XROUTER_POLICY_FIXED_MODEL: optionalString,
  XROUTER_LEARNED_ARTIFACT: optionalString,
  // Guards /v1/admin; unset turns the admin API off. Short tokens are refused: they can be guessed.
  XROUTER_ADMIN_TOKEN: optionalString.pipe(z.string().min(16, "must be at least 16 characters").optional()),
}).superRefine((env, ctx) => {
  // as the policy service refuses them; without XROUTER_POLICY_INPROCESS the gateway reads neither
  if (!env.XROUTER_POLICY_INPROCESS) return;
  if (env.XROUTER_POLICY_DEFAULT === "learned" && !env.XROUTER_LEARNED_ARTIFACT) {
    ctx.addIssue({ code: "custom", path: ["XROUTER_LEARNED_ARTIFACT"], message: "required when XROUTER_POLICY_DEFAULT is learned" });
  }
  if (env.XROUTER_POLICY_DEFAULT === "fixed" && !env.XROUTER_POLICY_FIXED_MODEL) {
    ctx.addIssue({ code: "custom", path: ["XROUTER_POLICY_FIXED_MODEL"], message: "required when XROUTER_POLICY_DEFAULT is fixed" });
  }
});

export type GatewayConfig = z.infer<typeof schema>;

export const loadGatewayConfig = (env: NodeJS.ProcessEnv = process.env): GatewayConfig => parseConfig(schema, env);
