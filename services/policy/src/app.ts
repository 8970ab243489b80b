// Builds the policy service: the backend registry, the router and the gRPC server. main.ts calls
// startPolicy; tests call it in-process too. New backends are one more entry in buildBackends.
import { createLogger, policyProto, startGrpcServer, type Logger } from "../../common/src/index.js";
import { policyHandlers, POLICY_SERVICE_NAME } from "./adapters/grpc.js";
import type { PolicyConfig } from "./config.js";
import type { PolicyBackend } from "./core/backend.js";
import { CheapestBackend } from "./core/backends/cheapest.js";
import { FixedBackend } from "./core/backends/fixed.js";
import { RandomBackend } from "./core/backends/random.js";
import { TierBackend } from "./core/backends/tier.js";
import { PolicyRouter } from "./core/router.js";

export interface PolicyHandle {
  port: number;
  router: PolicyRouter;
  shutdown(): Promise<void>;
}

export function buildBackends(config: Pick<PolicyConfig, "fixedModel">): Map<string, PolicyBackend> {
  const backends: PolicyBackend[] = [new CheapestBackend(), new RandomBackend(), new TierBackend()];
  // Without a configured model "fixed" would only ever mean "cheapest"; better to refuse it.
  if (config.fixedModel) backends.push(new FixedBackend(config.fixedModel));
  return new Map(backends.map((b) => [b.name, b]));
}

function listenAddress(host: string, port: number): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]:${port}` : `${host}:${port}`;
}

export async function startPolicy(
  config: PolicyConfig,
  options: { logger?: Logger; backends?: Map<string, PolicyBackend> } = {},
): Promise<PolicyHandle> {
  const logger = options.logger ?? createLogger("policy", config.logLevel);
  const router = new PolicyRouter(options.backends ?? buildBackends(config), config.defaultPolicy);
  const server = await startGrpcServer(listenAddress(config.host, config.port), (s) => {
    s.addService(policyProto.xrouter.policy.v1.PolicyService.service, policyHandlers(router, logger));
  }, [POLICY_SERVICE_NAME]);
  logger.info({ port: server.port, host: config.host, default_policy: router.defaultName, policies: router.names() }, "ready");
  return { port: server.port, router, shutdown: () => server.shutdown() };
}
