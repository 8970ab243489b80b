// Wires the executor process: NATS JetStream bus, the records stream to the ledger, provider adapters.
import {
  createLogger, createNatsBus, createRecordPublisher, logReady, preloadTokenizer, runMain, serveMetrics, shutdownTracing,
} from "../../common/src/index.js";
import { LedgerCallRecorder } from "./adapters/ledger-recorder.js";
import { createNatsDeadLetters } from "./adapters/nats-dead-letters.js";
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
  const records = await createRecordPublisher({ url: config.natsUrl, prefix: config.natsPrefix, name: `${executorId}-records` });
  const providers = createProviderRegistry(config.providers);
  const log = logger.child({ executor_id: executorId });
  const deadLetters = await createNatsDeadLetters({ url: config.natsUrl, prefix: config.natsPrefix, executorId, logger: log });
  // before the first call: loading it later blocks the event loop ~200 ms under load (tokenizer.ts)
  preloadTokenizer();
  const executor = await startExecutor({
    bus, recorder: new LedgerCallRecorder(records, { maxBatch: 256, maxInFlight: 2, lingerMs: config.recordLingerMs }), providers, config, logger: log, deadLetters,
  });
  // no service port: the executor only pulls from the queue; /metrics only when asked for
  const metricsServer = config.metricsPort === undefined ? undefined : await serveMetrics(config.metricsPort, config.bindHost);
  logReady(logger, {
    port: 0, metrics_port: metricsServer?.port, executor_id: executorId, concurrency: config.concurrency, nats_prefix: config.natsPrefix,
    real_providers: configuredProviders(providers), simulate_missing: config.providers.simulateMissing,
    provider_concurrency: config.providerConcurrency, breaker: config.breaker, dead_letter_stream: deadLetters.stream,
  });

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal, in_flight: executor.inFlight() }, "stopping");
    try {
      await executor.stop();
      await deadLetters.close();
      await bus.close();
      await providers.close();
      await records.close();
      await metricsServer?.close();
      await shutdownTracing();
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
