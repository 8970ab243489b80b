// The executor as a function: consume calls from a CallBus and answer them. main.ts wires it to
// NATS and the ledger; the gateway runs it in-process over the memory bus when there is no NATS.
import type { CallBus, Logger } from "../../common/src/index.js";
import type { ExecutorConfig } from "./config.js";
import { createCallHandler } from "./core/handle-call.js";
import { systemClock, type CallRecorder, type Clock } from "./core/ports.js";
import type { ProviderRegistry } from "./core/provider.js";

export interface ExecutorDeps {
  bus: CallBus;
  recorder: CallRecorder;
  /** Owned by the caller: stop() does not close it. */
  providers: ProviderRegistry;
  config: Pick<ExecutorConfig, "concurrency" | "drainTimeoutMs" | "handler">;
  logger: Logger;
  clock?: Clock;
}

export interface ExecutorHandle {
  executorId: string;
  inFlight(): number;
  /** Stops pulling calls and waits for running ones; past the drain timeout they go back to the queue. */
  stop(): Promise<void>;
}

export async function startExecutor(deps: ExecutorDeps): Promise<ExecutorHandle> {
  const { config, logger } = deps;
  const shutdown = new AbortController();
  const handler = createCallHandler({
    bus: deps.bus, recorder: deps.recorder, providers: deps.providers, clock: deps.clock ?? systemClock,
    logger, settings: config.handler, shutdown: shutdown.signal,
  });
  const consumer = await deps.bus.consumeCalls(handler, { concurrency: config.concurrency });
  let stopping: Promise<void> | undefined;

  async function drain(): Promise<void> {
    const drained = consumer.stop();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => { timer = setTimeout(() => resolve("timeout"), config.drainTimeoutMs); });
    const outcome = await Promise.race([drained.then(() => "drained" as const), timedOut]);
    clearTimeout(timer);
    if (outcome === "timeout") {
      logger.warn({ in_flight: consumer.inFlight() }, "calls still running after the drain timeout; handing them back to the queue");
      shutdown.abort(new Error("executor stopping"));
      await drained;
    }
  }

  return {
    executorId: config.handler.executorId,
    inFlight: () => consumer.inFlight(),
    stop: () => (stopping ??= drain()),
  };
}
