// Single-process mode: when no NATS server is reachable, `npm start` runs the executors inside the
// gateway process on the in-memory bus. Same executor code and contract, no network hop.
import { preloadTokenizer, type CallBus, type LedgerClient, type Logger } from "../../common/src/index.js";
import { LedgerCallRecorder } from "../../executor/src/adapters/ledger-recorder.js";
import { startExecutor } from "../../executor/src/app.js";
import { loadExecutorConfig } from "../../executor/src/config.js";
import { createProviderRegistry } from "../../executor/src/providers/registry.js";

export async function startEmbeddedExecutors(bus: CallBus, ledger: LedgerClient, count: number, logger: Logger) {
  const config = loadExecutorConfig();
  const providers = createProviderRegistry(config.providers);
  const recorder = new LedgerCallRecorder(ledger);
  // as a standalone executor does: loaded on first use, the tables stall the event loop under load
  preloadTokenizer();
  const executors = await Promise.all(Array.from({ length: count }, (_, i) => {
    const executorId = `embedded-executor-${i + 1}`;
    return startExecutor({
      bus, recorder, providers, logger: logger.child({ executor_id: executorId }),
      config: { ...config, handler: { ...config.handler, executorId } },
    });
  }));
  return {
    async stop() {
      await Promise.all(executors.map((e) => e.stop()));
      await providers.close();
    },
  };
}
