// Wires the ledger service: config from the environment, start, stop cleanly on SIGTERM/SIGINT.
import { createLogger, runMain, serveMetrics, shutdownTracing } from "../../common/src/index.js";
import { startLedger } from "./app.js";
import { loadLedgerConfig } from "./config.js";

runMain(async () => {
  const config = loadLedgerConfig();
  const log = createLogger("ledger", config.logLevel);
  const ledger = await startLedger(config, { logger: log });
  const metricsServer = config.metricsPort === undefined ? undefined : await serveMetrics(config.metricsPort, config.host);
  if (metricsServer) log.info({ metrics_port: metricsServer.port }, "serving /metrics");
  const shutdown = (signal: NodeJS.Signals) => {
    log.info({ signal }, "shutting down");
    ledger.stop().then(
      async () => {
        await metricsServer?.close();
        await shutdownTracing();
        process.exit(0);
      },
      (error: unknown) => { log.error({ err: error }, "shutdown failed"); process.exit(1); },
    );
  };
  process.once("SIGTERM", shutdown);
  process.once("SIGINT", shutdown);
});
