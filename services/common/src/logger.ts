// pino JSON logs. Keys and authorization headers are redacted wherever they appear.
import { pino, type Logger } from "pino";

export type { Logger };

export const REDACTED_PATHS = [
  "apiKey", "api_key", "*.apiKey", "*.api_key", "authorization", "*.authorization",
  "headers.authorization", "req.headers.authorization", "req.headers[\"x-api-key\"]",
  "req.headers[\"x-admin-token\"]", "*.headers.authorization",
];

export function createLogger(service: string, level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino({
    name: service,
    level,
    base: { service, pid: process.pid },
    redact: { paths: REDACTED_PATHS, censor: "[redacted]" },
    timestamp: pino.stdTimeFunctions.isoTime,
  });
}
