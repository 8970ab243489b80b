// Composes the gateway from its parts; main.ts decides where the parts come from.
import {
  busNames, checkHealth, newInstanceId, type CallBus, type Catalog, type LedgerClient, type Logger, type PolicyClient,
} from "../../common/src/index.js";
import type { GatewayConfig } from "./config.js";
import { KeyAuthenticator } from "./adapters/auth.js";
import { BudgetLeases } from "./adapters/budget-leases.js";
import { CallDispatcher } from "./adapters/dispatcher.js";
import { FallbackPolicy } from "./adapters/fallback-policy.js";
import { PolicyDecider, type LocalPolicies } from "./adapters/policy-decider.js";
import { buildHttpServer } from "./adapters/http.js";
import { RateLimitGate } from "./adapters/rate-limit.js";
import { RequestRecordOutbox, type RequestRecordSink } from "./adapters/request-outbox.js";
import { mostExpensiveModel } from "./core/spend-reference.js";

export interface GatewayDeps {
  config: GatewayConfig;
  catalog: Catalog;
  bus: CallBus;
  policy: PolicyClient;
  ledger: LedgerClient;
  logger: Logger;
  /** The policies decided in this process (XROUTER_POLICY_INPROCESS); absent: all by the policy service. */
  localPolicies?: LocalPolicies;
  /** Where request records go: the records stream over NATS; absent: the ledger's RecordRequests. */
  requestRecords?: RequestRecordSink;
}

export interface GatewayHandle {
  port: number;
  instanceId: string;
  close(): Promise<void>;
}

export async function startGateway(deps: GatewayDeps): Promise<GatewayHandle> {
  const { config, logger } = deps;
  const instanceId = newInstanceId("gateway");
  const dispatcher = new CallDispatcher(deps.bus, busNames(config.XROUTER_NATS_PREFIX).replySubject(instanceId), {
    callTimeoutMs: config.XROUTER_CALL_TIMEOUT_MS, subjectPrefix: config.XROUTER_NATS_PREFIX, confirmAfterMs: config.XROUTER_CALL_CONFIRM_MS,
  });
  const requestRecords = new RequestRecordOutbox(deps.requestRecords ?? deps.ledger, logger, { lingerMs: config.XROUTER_REQUEST_RECORD_LINGER_MS });
  const budgetLeases = config.XROUTER_BUDGET_LEASE_CALLS > 0 ? new BudgetLeases(deps.ledger, logger, {
    callsPerLease: config.XROUTER_BUDGET_LEASE_CALLS, maxLeaseNanoUsd: Math.round(config.XROUTER_BUDGET_LEASE_MAX_USD * 1e9),
  }) : undefined;
  const policy = new PolicyDecider({
    remote: deps.policy, local: deps.localPolicies, logger,
    fallback: config.XROUTER_FALLBACK_POLICY === "none" ? undefined : new FallbackPolicy(config.XROUTER_FALLBACK_POLICY, logger),
  });
  const app = buildHttpServer({
    catalog: deps.catalog, policies: config.XROUTER_POLICIES, auth: new KeyAuthenticator(deps.ledger, config.XROUTER_AUTH_CACHE_MS),
    policy, ledger: deps.ledger, budgetLeases, dispatcher, logger, maxTurns: config.XROUTER_MAX_TURNS,
    defaultMaxTokens: config.XROUTER_DEFAULT_MAX_TOKENS, maxParallelCalls: config.XROUTER_MAX_PARALLEL_CALLS,
    maxConcurrentRequests: config.XROUTER_MAX_CONCURRENT_REQUESTS,
    bodyLimitBytes: config.XROUTER_MAX_BODY_BYTES, referenceModel: mostExpensiveModel(deps.catalog.models),
    rateLimits: new RateLimitGate(deps.ledger, config.XROUTER_DEFAULT_MAX_TOKENS), requestRecords,
    adminToken: config.XROUTER_ADMIN_TOKEN,
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
      // the last requests' records are added just after their responses were written (chat-route.ts)
      await new Promise((resolve) => setImmediate(resolve));
      await budgetLeases?.close();
      await requestRecords.close();
      dispatcher.close();
    },
  };
}
