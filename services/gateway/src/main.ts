// Wiring only: configuration, the catalog, the transport, the gRPC clients, then the HTTP server.
import {
  createLogger, createMemoryBus, shutdownTracing, createNatsBus, createRecordPublisher, LedgerClient, loadCatalog, PolicyClient, runMain,
  type CallBus, logReady,
} from "../../common/src/index.js";
import { buildLocalBackends } from "../../policy/src/app.js";
import { loadGatewayConfig } from "./config.js";
import { startGateway } from "./app.js";
import { startEmbeddedExecutors } from "./embedded-executors.js";

runMain(async () => {
  const config = loadGatewayConfig();
  const logger = createLogger("gateway");
  const catalog = loadCatalog(config.XROUTER_CATALOG);
  const bus: CallBus = config.XROUTER_TRANSPORT === "nats"
    ? await createNatsBus({ url: config.NATS_URL, prefix: config.XROUTER_NATS_PREFIX, name: "xrouter-gateway" })
    : createMemoryBus();
  // over NATS, request records go to the ledger on the records stream, as the executors' call records do
  const records = config.XROUTER_TRANSPORT === "nats"
    ? await createRecordPublisher({ url: config.NATS_URL, prefix: config.XROUTER_NATS_PREFIX, name: "xrouter-gateway-records" })
    : undefined;
  const ledger = new LedgerClient(config.XROUTER_LEDGER_ADDR, config.XROUTER_LEDGER_TIMEOUT_MS);
  const policy = new PolicyClient(config.XROUTER_POLICY_ADDR, config.XROUTER_POLICY_TIMEOUT_MS);
  const local = config.XROUTER_POLICY_INPROCESS
    ? buildLocalBackends({ fixedModel: config.XROUTER_POLICY_FIXED_MODEL, learnedArtifact: config.XROUTER_LEARNED_ARTIFACT }, logger)
    : undefined;
  const embedded = config.XROUTER_TRANSPORT === "memory"
    ? await startEmbeddedExecutors(bus, ledger, config.XROUTER_EMBEDDED_EXECUTORS, logger)
    : undefined;
  const localPolicies = local && { backends: local.backends, defaultName: config.XROUTER_POLICY_DEFAULT };
  const gateway = await startGateway({ config, catalog, bus, policy, ledger, logger, localPolicies, requestRecords: records });
  logReady(logger, {
    port: gateway.port, catalog: catalog.name, models: catalog.models.length, transport: bus.kind,
    inprocess_policies: local ? [...local.backends.keys()].sort() : [],
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    await gateway.close();
    await embedded?.stop();
    await bus.close();
    await records?.close();
    ledger.close();
    policy.close();
    local?.close();
    await shutdownTracing();
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
});
