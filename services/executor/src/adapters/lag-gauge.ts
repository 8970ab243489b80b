// Publishes the JetStream consumer's lag as gauges (what KEDA scales the pool on), polled because
// JetStream reports it on request only. Every executor reports the same shared figure.
import { metrics, type CallBus, type Logger } from "../../../common/src/index.js";

export function startLagGauge(bus: CallBus, logger: Logger, intervalMs = 5000): { stop(): void } {
  let warned = false;
  const poll = () => {
    bus.consumerLag().then(({ pending, ackPending }) => {
      metrics.consumerPending.set(pending);
      metrics.consumerAckPending.set(ackPending);
      warned = false;
    }, (error: unknown) => {
      if (!warned) logger.warn({ err: error }, "could not read the consumer's lag");
      warned = true;
    });
  };
  poll();
  const timer = setInterval(poll, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
