// Wires the executor process: NATS JetStream bus, ledger client, provider adapters.
import { createLogger, createNatsBus, LedgerClient, runMain } from "../../common/src/index.js";
import { LedgerCallRecorder } from "./adapters/ledger-recorder.js";
import { startExecutor } from "./app.js";
import { loadExecutorConfig } from "./config.js";
import { configuredProviders, createProviderRegistry } from "./providers/registry.js";

runMain(async () => {
  const config = loadExecutorConfig();
  const logger = createLogger("executor", config.logLevel);
  const executorId = config.handler.executorId;
  const bus = await createNatsBus({
    url: config.natsUrl, prefix: config.natsPrefix, name: executorId,
    ackWaitMs: config.ackWaitMs, maxDeliver: config.handler.maxDeliver,
  });
  const ledger = new LedgerClient(config.ledgerAddr, config.ledgerTimeoutMs);
  const providers = createProviderRegistry(config.providers);
  const executor = await startExecutor({
    bus, recorder: new LedgerCallRecorder(ledger), providers, config, logger: logger.child({ executor_id: executorId }),
  });
  // no listening port: the executor only pulls from the queue
  logger.info({
    port: 0, executor_id: executorId, concurrency: config.concurrency, nats_prefix: config.natsPrefix,
    real_providers: configuredProviders(providers), simulate_missing: config.providers.simulateMissing,
  }, "ready");

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, in_flight: executor.inFlight() }, "stopping");
    try {
      await executor.stop();
      await bus.close();
      await providers.close();
      ledger.close();
      logger.info("stopped");
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, "unclean stop");
      process.exit(1);
    }
  };
  process.once("SIGTERM", (s) => void stop(s));
  process.once("SIGINT", (s) => void stop(s));
});
