// Builds the policy service: the backend registry, the router and the gRPC server. main.ts calls
// startPolicy; tests call it in-process too. New backends are one more entry in buildBackends.
// The xrouter backends exist only when a router LLM endpoint is configured.
import { createLogger, policyProto, startGrpcServer, type Logger, logReady } from "../../common/src/index.js";
import { policyHandlers, POLICY_SERVICE_NAME } from "./adapters/grpc.js";
import { HotSwapBackend } from "./adapters/hot-swap.js";
import { HttpRouterLlm } from "./adapters/router-llm.js";
import { loadLearnedPolicy } from "./core/learned/index.js";
import type { PolicyConfig } from "./config.js";
import type { PolicyBackend } from "./core/backend.js";
import { CheapestBackend } from "./core/backends/cheapest.js";
import { FixedBackend } from "./core/backends/fixed.js";
import { RandomBackend } from "./core/backends/random.js";
import { TierBackend } from "./core/backends/tier.js";
import { XRouterBackend } from "./core/backends/xrouter.js";
import { PolicyRouter } from "./core/router.js";
import type { RouterLlm } from "./core/xrouter/types.js";

export interface PolicyHandle {
  port: number;
  router: PolicyRouter;
  shutdown(): Promise<void>;
}

export function buildBackends(
  config: Pick<PolicyConfig, "fixedModel"> & Partial<Pick<PolicyConfig, "routerLlm">>,
  deps: { routerLlm?: RouterLlm } = {},
): Map<string, PolicyBackend> {
  const backends: PolicyBackend[] = [new CheapestBackend(), new RandomBackend(), new TierBackend()];
  // Without a configured model "fixed" would only ever mean "cheapest"; better to refuse it.
  if (config.fixedModel) backends.push(new FixedBackend(config.fixedModel));
  if (config.routerLlm && deps.routerLlm) {
    const price = config.routerLlm.price;
    backends.push(new XRouterBackend(deps.routerLlm, { mode: "agent", price }), new XRouterBackend(deps.routerLlm, { mode: "simple", price }));
  }
  return new Map(backends.map((b) => [b.name, b]));
}

/** `learned`, serving its artifact and loading it again whenever the file changes. */
export function learnedBackend(artifact: string, logger: Logger): HotSwapBackend {
  return new HotSwapBackend("learned", artifact, (path) => loadLearnedPolicy(path), logger);
}

/**
 * The backends that need no router LLM, `learned` included: the gateway runs these in-process
 * (XROUTER_POLICY_INPROCESS) from the same environment, so they decide as this service would.
 */
export function buildLocalBackends(
  config: Pick<PolicyConfig, "fixedModel" | "learnedArtifact">, logger: Logger,
): { backends: Map<string, PolicyBackend>; close(): void } {
  const backends = buildBackends(config);
  const learned = config.learnedArtifact ? learnedBackend(config.learnedArtifact, logger) : undefined;
  if (learned) backends.set(learned.name, learned);
  return { backends, close: () => learned?.close() };
}

function listenAddress(host: string, port: number): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
}

export async function startPolicy(
  config: PolicyConfig,
  options: { logger?: Logger; backends?: Map<string, PolicyBackend> } = {},
): Promise<PolicyHandle> {
  const logger = options.logger ?? createLogger("policy", config.logLevel);
  const llm = config.routerLlm && !options.backends ? new HttpRouterLlm({
    baseUrl: config.routerLlm.url, model: config.routerLlm.model, apiKey: config.routerLlm.apiKey, timeoutMs: config.routerLlm.timeoutMs,
  }) : undefined;
  const backends = options.backends ?? buildBackends(config, { routerLlm: llm });
  const learned = config.learnedArtifact && !options.backends ? learnedBackend(config.learnedArtifact, logger) : undefined;
  if (learned) backends.set(learned.name, learned);
  const router = new PolicyRouter(backends, config.defaultPolicy);
  const server = await startGrpcServer(listenAddress(config.host, config.port), (s) => {
    s.addService(policyProto.xrouter.policy.v1.PolicyService.service, policyHandlers(router, logger));
  }, [POLICY_SERVICE_NAME]);
  logReady(logger, { port: server.port, host: config.host, default_policy: router.defaultName, policies: router.names() });
  return {
    port: server.port, router,
    async shutdown() {
      await server.shutdown();
      await llm?.close();
      learned?.close();
    },
  };
}
