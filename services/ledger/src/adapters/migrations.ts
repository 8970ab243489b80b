// Applies services/ledger/migrations/NNNN_name.sql in numeric order, each once, recording it in
// schema_migrations. Everything runs in one transaction behind an advisory lock so two ledgers
// starting against the same database apply each file exactly once.
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { REPO_ROOT } from "../../../common/src/index.js";
import type { Database } from "./database.js";

export const MIGRATIONS_DIR = join(REPO_ROOT, "services/ledger/migrations");
// Arbitrary but fixed: every ledger process must agree on it. ("xrledger" as bytes, truncated.)
const MIGRATION_LOCK_ID = 7_882_108_101_100;

export async function listMigrations(dir = MIGRATIONS_DIR): Promise<string[]> {
  const names = (await readdir(dir)).filter((name) => /^\d+_[\w-]+\.sql$/.test(name));
  return names.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10) || a.localeCompare(b));
}

/** Returns the names of the migrations this call applied (empty when the schema was current). */
export async function applyMigrations(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await listMigrations(dir);
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK_ID]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version TEXT PRIMARY KEY,
      applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`);
    const rows = await tx.query<{ version: string }>("SELECT version FROM schema_migrations");
    const done = new Set(rows.map((r) => r.version));
    const applied: string[] = [];
    for (const file of files) {
      if (done.has(file)) continue;
      await tx.exec(await readFile(join(dir, file), "utf8"));
      await tx.query("INSERT INTO schema_migrations (version) VALUES ($1)", [file]);
      applied.push(file);
    }
    return applied;
  });
}
