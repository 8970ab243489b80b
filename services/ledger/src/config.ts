// The ledger's environment, parsed once at start-up; a bad value stops the process.
import { z } from "zod";
import { optionalString, parseConfig, port } from "../../common/src/index.js";

const schema = z.object({
  XROUTER_LEDGER_PORT: port(50062),
  XROUTER_BIND_HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: optionalString,
  XROUTER_DATA_DIR: z.string().min(1).default(".xrouter"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
});

export interface LedgerConfig {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise PGlite under <dataDir>/ledger-db. */
  databaseUrl?: string;
  dataDir: string;
  logLevel: string;
}

export function loadLedgerConfig(env: NodeJS.ProcessEnv = process.env): LedgerConfig {
  const parsed = parseConfig(schema, env);
  return {
    port: parsed.XROUTER_LEDGER_PORT,
    host: parsed.XROUTER_BIND_HOST,
    databaseUrl: parsed.DATABASE_URL,
    dataDir: parsed.XROUTER_DATA_DIR,
    logLevel: parsed.LOG_LEVEL,
  };
}
