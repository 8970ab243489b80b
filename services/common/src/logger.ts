// pino JSON logs. Keys and authorization headers are redacted wherever they appear.
import { pino, type Logger } from "pino";
import { isSpanContextValid, trace } from "@opentelemetry/api";

export type { Logger };

export const REDACTED_PATHS = [
  "apiKey", "api_key", "*.apiKey", "*.api_key", "authorization", "*.authorization",
  "headers.authorization", "req.headers.authorization", "req.headers[\"x-api-key\"]",
  "req.headers[\"x-admin-token\"]", "*.headers.authorization",
];

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? "info", destination?: pino.DestinationStream): Logger {
  return pino({
    name: service,
    level,
    base: { service, pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
    // every line carries the active trace, so logs and traces join up
    mixin() {
      const spanContext = trace.getActiveSpan()?.spanContext();
      return spanContext && isSpanContextValid(spanContext) ? { trace_id: spanContext.traceId, span_id: spanContext.spanId } : {};
    },
  }, destination);
}

const LEVELS = new Set(["fatal", "error", "warn", "info", "debug", "trace"]);
/** What a child shares with its parent: asking it makes no child. */
const SHARED = new Set(["level", "isLevelEnabled"]);
const skip = () => {};

/**
 * A child logger made on its first line, not before: a child per call costs an executor ~6 KB of
 * garbage (pino redacts the bindings with every path parsed anew), and most calls log nothing at
 * the default level. A line below the level is dropped without making the child.
 */
export function lazyChild(logger: Logger, bindings: Record<string, unknown>): Logger {
  let child: Logger | undefined;
  return new Proxy(logger, {
    get(target, key) {
      if (typeof key === "string" && LEVELS.has(key) && !target.isLevelEnabled(key)) return skip;
      if (typeof key === "string" && SHARED.has(key) && !child) {
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      }
      child ??= target.child(bindings);
      const value: unknown = Reflect.get(child, key, child);
      return typeof value === "function" ? (value as (...args: unknown[]) => unknown).bind(child) : value;
    },
  });
}

/**
 * The "ready" line launchers and tests wait for (with the bound port). It is written whatever the
 * configured level, so LOG_LEVEL=warn cannot leave a launcher waiting forever.
 */
export function logReady(logger: Logger, fields: Record<string, unknown>): void {
  (logger.isLevelEnabled("info") ? logger : logger.child({}, { level: "info" })).info(fields, "ready");
}
