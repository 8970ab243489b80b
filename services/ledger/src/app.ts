// Starts a ledger: opens storage, brings the schema up to date, serves gRPC. main.ts and the
// integration tests both call startLedger, so tests exercise exactly what production runs.
import { createLogger, ledgerProto, startGrpcServer, type Logger, logReady, type RecordConsumer } from "../../common/src/index.js";
import { openDatabase, type Database } from "./adapters/database.js";
import { ledgerHandlers } from "./adapters/grpc-handlers.js";
import { Ledger, type Clock } from "./adapters/ledger.js";
import { KeyAdmin } from "./adapters/key-admin.js";
import { applyMigrations } from "./adapters/migrations.js";
import { RateLimiter } from "./adapters/rate-limits.js";
import { Reports } from "./adapters/reports.js";
import { startRecordStream } from "./adapters/record-stream.js";
import { startRetentionJob, type RetentionJob } from "./adapters/retention.js";
import type { LedgerConfig } from "./config.js";

export const LEDGER_SERVICE_NAME = "xrouter.ledger.v1.LedgerService";

export interface LedgerHandle {
  port: number;
  address: string;
  storage: Database["kind"];
  ledger: Ledger;
  /** Absent when retention is off (retentionDays 0). */
  retention?: RetentionJob;
  /** Stops serving (in-flight calls finish), then closes storage. */
  stop(): Promise<void>;
}

export interface LedgerDeps {
  logger?: Logger;
  /** Wall clock in ms; tests move it to check day windows and reservation expiry. */
  now?: Clock;
}

const grpcAddress = (host: string, port: number) => (host.includes(":") ? `[${host}]:${port}` : `${host}:${port}`);
// A wildcard bind address is not something a client can dial; loopback reaches the same server.
const dialableHost = (host: string) => (host === "0.0.0.0" ? "127.0.0.1" : host === "::" ? "::1" : host);

export async function startLedger(config: LedgerConfig, deps: LedgerDeps = {}): Promise<LedgerHandle> {
  const log = deps.logger ?? createLogger("ledger", config.logLevel);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    onConnectionError: (error) => log.warn({ err: error }, "idle database connection lost"),
  });
  let records: RecordConsumer | undefined;
  try {
    const applied = await applyMigrations(db);
    if (applied.length > 0) log.info({ applied, storage: db.kind }, "migrations applied");
    const now = deps.now ?? Date.now;
    const ledger = new Ledger(db, now);
    const handlers = ledgerHandlers({
      ledger, keys: new KeyAdmin(db, now), limits: new RateLimiter(db, now), reports: new Reports(db),
    }, log);
    records = config.records ? await startRecordStream(config.records, ledger, log) : undefined;
    const grpcServer = await startGrpcServer(grpcAddress(config.host, config.port), (server) => {
      server.addService(ledgerProto.xrouter.ledger.v1.LedgerService.service, handlers);
    }, [LEDGER_SERVICE_NAME]);
    const retention = startRetentionJob(db, {
      retentionDays: config.retentionDays ?? 0, intervalMs: config.pruneIntervalMs ?? 60 * 60 * 1000, now, log,
    });
    logReady(log, {
      port: grpcServer.port, storage: db.kind, retention_days: config.retentionDays ?? 0, records_stream: config.records?.prefix ?? null,
    });
    let stopping: Promise<void> | undefined;
    return {
      port: grpcServer.port,
      address: grpcAddress(dialableHost(config.host), grpcServer.port),
      storage: db.kind,
      ledger,
      retention,
      stop() {
        // the stream first: the batches being written finish and are acked before the database closes
        const stream = records;
        stopping ??= Promise.resolve(stream?.stop())
          .then(() => grpcServer.shutdown()).then(() => retention?.stop()).finally(() => db.close());
        return stopping;
      },
    };
  } catch (error) {
    await records?.stop().catch(() => undefined);
    await db.close().catch(() => undefined);
    throw error;
  }
}
