import { createLogger, runMain, serveMetrics, shutdownTracing } from "../../common/src/index.js";
import { startPolicy } from "./app.js";
import { loadPolicyConfig } from "./config.js";

runMain(async () => {
  const config = loadPolicyConfig();
  const logger = createLogger("policy", config.logLevel);
  const policy = await startPolicy(config, { logger });
  const metricsServer = config.metricsPort === undefined ? undefined : await serveMetrics(config.metricsPort, config.host);
  if (metricsServer) logger.info({ metrics_port: metricsServer.port }, "serving /metrics");
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    policy.shutdown().then(async () => {
      await metricsServer?.close();
      await shutdownTracing();
      logger.info("stopped");
      process.exit(0);
    }, (error: unknown) => {
      logger.error({ err: error }, "shutdown failed");
      process.exit(1);
    });
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
});
