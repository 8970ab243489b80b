// Composes the gateway from its parts; main.ts decides where the parts come from.
import {
  busNames, checkHealth, newInstanceId, type CallBus, type Catalog, type LedgerClient, type Logger, type PolicyClient,
} from "../../common/src/index.js";
import type { GatewayConfig } from "./config.js";
import { KeyAuthenticator } from "./adapters/auth.js";
import { CallDispatcher } from "./adapters/dispatcher.js";
import { buildHttpServer } from "./adapters/http.js";

export interface GatewayDeps {
  config: GatewayConfig;
  catalog: Catalog;
  bus: CallBus;
  policy: PolicyClient;
  ledger: LedgerClient;
  logger: Logger;
}

export interface GatewayHandle {
  port: number;
  instanceId: string;
  close(): Promise<void>;
}

function mostExpensive(catalog: Catalog) {
  const price = (m: Catalog["models"][number]) => m.price.input_nanousd_per_token + m.price.output_nanousd_per_token;
  return catalog.models.reduce((best, m) => (price(m) > price(best) ? m : best), catalog.models[0]!);
}

export async function startGateway(deps: GatewayDeps): Promise<GatewayHandle> {
  const { config, logger } = deps;
  const instanceId = newInstanceId("gateway");
  const dispatcher = new CallDispatcher(deps.bus, busNames(config.XROUTER_NATS_PREFIX).replySubject(instanceId), config.XROUTER_CALL_TIMEOUT_MS, config.XROUTER_NATS_PREFIX);
  const app = buildHttpServer({
    catalog: deps.catalog, policies: config.XROUTER_POLICIES, auth: new KeyAuthenticator(deps.ledger, config.XROUTER_AUTH_CACHE_MS),
    policy: deps.policy, ledger: deps.ledger, dispatcher, logger, maxTurns: config.XROUTER_MAX_TURNS,
    defaultMaxTokens: config.XROUTER_DEFAULT_MAX_TOKENS, maxParallelCalls: config.XROUTER_MAX_PARALLEL_CALLS,
    bodyLimitBytes: config.XROUTER_MAX_BODY_BYTES, referenceModel: mostExpensive(deps.catalog),
    readiness: async () => {
      const [bus, policy, ledger] = await Promise.all([
        deps.bus.healthy(), checkHealth(deps.policy.address), checkHealth(deps.ledger.address),
      ]);
      return { [deps.bus.kind === "nats" ? "nats" : "queue"]: bus, policy, ledger };
    },
  });
  await app.listen({ port: config.XROUTER_PORT, host: config.XROUTER_BIND_HOST });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.XROUTER_PORT;
  return {
    port, instanceId,
    async close() {
      await app.close();
      dispatcher.close();
    },
  };
}
