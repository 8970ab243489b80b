// The ledger's one view of storage, so the same SQL runs on PostgreSQL (pg Pool) and on embedded
// PGlite. Values come back in driver-specific shapes (pg gives BIGINT as string, PGlite as
// number); read them through sql-values.ts, never directly.
import { mkdir } from "node:fs/promises";
import { resolve } from "node:path";

export type SqlParam = string | number | boolean | null | readonly string[] | readonly number[] | readonly boolean[];
export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: readonly SqlParam[]): Promise<T[]>;
  /** Runs a script of several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly kind: "postgres" | "pglite";
  /** Commits when fn resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export class DatabaseError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "DatabaseError";
  }
}

export interface StorageConfig {
  databaseUrl?: string;
  dataDir: string;
  /** Told about a lost idle PostgreSQL connection; the pool replaces it on the next query. */
  onConnectionError?: (error: Error) => void;
}

/** PostgreSQL when a URL is configured, otherwise PGlite persisted under <dataDir>/ledger-db. */
export async function openDatabase(config: StorageConfig): Promise<Database> {
  if (config.databaseUrl) {
    const { openPostgres } = await import("./postgres.js");
    return openPostgres(config.databaseUrl, config.onConnectionError);
  }
  const dataDir = resolve(config.dataDir);
  await mkdir(dataDir, { recursive: true });
  const { openPglite } = await import("./pglite.js");
  return openPglite(resolve(dataDir, "ledger-db"));
}
