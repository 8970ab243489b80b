// Embedded PostgreSQL (WASM) for running without a server. PGlite is one single-user backend:
// its transaction() serialises callers, which gives Reserve the same one-at-a-time guarantee
// that SELECT ... FOR UPDATE gives on a real server.
import { PGlite, type Transaction } from "@electric-sql/pglite";
import { DatabaseError, type Database, type Queryable, type Row, type SqlParam } from "./database.js";

function queryable(target: PGlite | Transaction): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly SqlParam[] = []) {
      const result = await target.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await target.exec(sql);
    },
  };
}

export async function openPglite(directory: string): Promise<Database> {
  let db: PGlite;
  try {
    db = await PGlite.create(directory);
  } catch (error) {
    throw new DatabaseError(`cannot open the embedded database in ${directory}`, { cause: error });
  }
  const direct = queryable(db);
  return {
    kind: "pglite",
    query: direct.query,
    exec: direct.exec,
    transaction: <T>(fn: (tx: Queryable) => Promise<T>) => db.transaction((tx) => fn(queryable(tx))),
    close: () => db.close(),
  };
}
