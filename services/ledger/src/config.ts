// The ledger's environment, parsed once at start-up; a bad value stops the process.
import { z } from "zod";
import { optionalString, parseConfig, port } from "../../common/src/index.js";

const schema = z.object({
  XROUTER_LEDGER_PORT: port(50062),
  XROUTER_BIND_HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: optionalString,
  XROUTER_DATA_DIR: z.string().min(1).default(".xrouter"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  // Raw call/request records older than this many days are pruned; 0 keeps them forever.
  XROUTER_RECORD_RETENTION_DAYS: z.coerce.number().int().min(0).default(90),
  XROUTER_PRUNE_INTERVAL_MS: z.coerce.number().int().min(1000).default(60 * 60 * 1000),
  /** Where the records stream is (executors' and gateways' spend records); unset: records come over gRPC only. */
  NATS_URL: optionalString,
  XROUTER_NATS_PREFIX: z.string().regex(/^[A-Za-z0-9_-]+$/, "letters, digits, _ and - only").default("xrouter"),
  /** How long a record from the stream waits for others to share its statement. */
  XROUTER_LEDGER_RECORD_LINGER_MS: z.coerce.number().int().min(0).default(50),
  /** Prometheus /metrics; unset: not served. */
  XROUTER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
});

export interface LedgerConfig {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise PGlite under <dataDir>/ledger-db. */
  databaseUrl?: string;
  dataDir: string;
  logLevel: string;
  /** Days of raw records kept; 0: forever. Reports and budgets read roll-ups and are unaffected. */
  retentionDays?: number;
  pruneIntervalMs?: number;
  metricsPort?: number;
  /** The records stream to consume; absent: none (the in-process transport sends records over gRPC). */
  records?: { url: string; prefix: string; lingerMs?: number };
}

export function loadLedgerConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const parsed = parseConfig(schema, env);
  return {
    port: parsed.XROUTER_LEDGER_PORT,
    host: parsed.XROUTER_BIND_HOST,
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.XROUTER_DATA_DIR,
    logLevel: parsed.LOG_LEVEL,
    retentionDays: parsed.XROUTER_RECORD_RETENTION_DAYS,
    pruneIntervalMs: parsed.XROUTER_PRUNE_INTERVAL_MS,
    metricsPort: parsed.XROUTER_METRICS_PORT,
    records: parsed.NATS_URL
      ? { url: parsed.NATS_URL, prefix: parsed.XROUTER_NATS_PREFIX, lingerMs: parsed.XROUTER_LEDGER_RECORD_LINGER_MS }
      : undefined,
  };
}
