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
