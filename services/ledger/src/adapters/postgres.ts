// PostgreSQL through a pg Pool. Each transaction holds one pooled client from BEGIN to the end.
import pg from "pg";
import { DatabaseError, type Database, type Queryable, type Row, type SqlParam } from "./database.js";

type Client = pg.Pool | pg.PoolClient;

function queryable(client: Client): Queryable {
  return {
    async query<T extends Row>(sql: string, params: readonly SqlParam[] = []) {
      const result = await client.query<T>(sql, params as unknown[]);
      return result.rows;
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

export async function openPostgres(
  url: string, onConnectionError: (error: Error) => void = () => undefined, poolSize = 10,
): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its connection emits here; without a listener it would kill the process.
  pool.on("error", onConnectionError);
  try {
    await pool.query("SELECT 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    // The driver's message names host and user, never the password; the URL itself is not repeated.
    const reason = error instanceof Error ? error.message : String(error);
    throw new DatabaseError(`cannot connect to PostgreSQL at DATABASE_URL: ${reason}`, { cause: error });
  }
  const direct = queryable(pool);
  return {
    kind: "postgres",
    query: direct.query,
    exec: direct.exec,
    async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        const result = await fn(queryable(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => { broken = true; });
        throw error;
      } finally {
        // A client whose ROLLBACK failed is in an unknown state: drop it rather than reuse it.
        client.release(broken);
      }
    },
    close: () => pool.end(),
  };
}
