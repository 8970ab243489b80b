// Per-test isolation on shared servers: every test gets its own NATS subject prefix (so its own
// stream, consumer and KV bucket) and its own PostgreSQL database.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { inject } from "vitest";

export const natsUrl = (): string => inject("natsUrl");

export function uniquePrefix(label: string): string {
  return `t${label.replace(/[^a-z0-9]/gi, "").toLowerCase().slice(0, 12)}${randomBytes(4).toString("hex")}`;
}

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(label: string): Promise<TestDatabase> {
  const adminUrl = inject("databaseUrl");
  const name = `xr_${uniquePrefix(label)}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/**
 * Repeats a query until `done(rows)` holds or the time is up, then returns the last rows (so the
 * caller's assertion fails with what was there). Call records land a moment after the answer:
 * executors answer first and record the call in the ledger right after.
 */
export async function queryUntil<T = Record<string, any>>(
  url: string, sql: string, params: unknown[], done: (rows: T[]) => boolean, timeoutMs = 15_000,
): Promise<T[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await queryDatabase<T>(url, sql, params);
    if (done(rows) || Date.now() >= deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** One query on a test database over a connection of its own. */
export async function queryDatabase<T = Record<string, any>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
