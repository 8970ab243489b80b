// The executor as a function: consume calls from a CallBus and answer them. main.ts wires it to
// NATS and the ledger; the gateway runs it in-process over the memory bus when there is no NATS.
import type { CallBus, Logger } from "../../common/src/index.js";
import { instrumentedProviders, tracedHandler } from "./adapters/telemetry.js";
import { startLagGauge } from "./adapters/lag-gauge.js";
import type { ExecutorConfig } from "./config.js";
import { CancelRegistry } from "./core/cancels.js";
import { CircuitBreakers } from "./core/circuit-breaker.js";
import { ProviderLimits } from "./core/concurrency.js";
import { createCallHandler } from "./core/handle-call.js";
import { systemClock, type CallRecorder, type Clock, type DeadLetterSink } from "./core/ports.js";
import type { ProviderRegistry } from "./core/provider.js";

export interface ExecutorDeps {
  bus: CallBus;
  recorder: CallRecorder;
  /** Owned by the caller: stop() does not close it. */
  providers: ProviderRegistry;
  config: Pick<ExecutorConfig, "concurrency" | "drainTimeoutMs" | "handler">
    & Partial<Pick<ExecutorConfig, "breaker" | "providerConcurrency" | "natsPrefix">>;
  logger: Logger;
  clock?: Clock;
  /** Where calls that exhaust their deliveries go; default: the log. */
  deadLetters?: DeadLetterSink;
}

export interface ExecutorHandle {
  executorId: string;
  inFlight(): number;
  /** Stops pulling calls and waits for running ones; past the drain timeout they go back to the queue. */
  stop(): Promise<void>;
}

export async function startExecutor(deps: ExecutorDeps): Promise<ExecutorHandle> {
  const { config, logger } = deps;
  const clock = deps.clock ?? systemClock;
  // running calls hear it through the cancel registry, not one listener each (cancels.ts says why)
  const shutdown = new AbortController();
  const cancels = new CancelRegistry();
  // one subscription per process: whichever executor holds a call hears its cancel
  const cancelSubscription = deps.bus.subscribeCancels((cancel) => cancels.cancel(cancel.call_id, cancel.reason));
  const handler = createCallHandler({
    bus: deps.bus, recorder: deps.recorder, providers: instrumentedProviders(deps.providers), clock, logger, settings: config.handler,
    shutdown: shutdown.signal, cancels, deadLetters: deps.deadLetters,
    breakers: new CircuitBreakers(config.breaker ?? { failureThreshold: 5, cooldownMs: 30_000, firstCooldownMs: 1_000 }, () => clock.now()),
    limits: new ProviderLimits(config.providerConcurrency ?? {}),
  });
  const traced = tracedHandler(handler, config.natsPrefix ?? "xrouter", config.handler.executorId);
  const consumer = await deps.bus.consumeCalls(traced, { concurrency: config.concurrency });
  const lag = startLagGauge(deps.bus, logger);
  let stopping: Promise<void> | undefined;

  async function drain(): Promise<void> {
    lag.stop();
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
    cancelSubscription.unsubscribe();
  }

  return {
    executorId: config.handler.executorId,
    inFlight: () => consumer.inFlight(),
    stop: () => (stopping ??= drain()),
  };
}
