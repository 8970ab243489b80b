import { createLogger, runMain } from "../../common/src/index.js";
import { startPolicy } from "./app.js";
import { loadPolicyConfig } from "./config.js";

runMain(async () => {
  const config = loadPolicyConfig();
  const logger = createLogger("policy", config.logLevel);
  const policy = await startPolicy(config, { logger });
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    policy.shutdown().then(() => {
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
