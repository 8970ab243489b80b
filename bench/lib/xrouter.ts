// The whole system for benchmarks, as `npm start` runs it: one process per service, compiled to
// dist/ first and started as scripts/lib/service-command.ts says (`--tsx`: the sources through tsx)
// (ledger on PostgreSQL in a scratch database, policy, N executors on real NATS JetStream under a
// prefix of its own, the gateway), the OpenAI provider pointed at a mock, and an API key created
// through the ledger. `root` may name another checkout (a patched copy) to compare against.
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { busNames, LedgerClient } from "../../services/common/src/index.js";
import {
  buildServices, defaultExecutorCount, nicedCommand, SERVICE_ENV, serviceArgs, serviceNiceness, type Runtime, type ServiceName,
} from "../../scripts/lib/service-command.js";
import { spawnManaged, type Managed } from "./procs.js";

export const REPO_ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface XRouterOptions {
  /** Checkout whose services run (default: this one). */
  root?: string;
  /** Base URL of the OpenAI-compatible upstream, ending in /v1. */
  upstream: string;
  executors?: number;
  natsUrl?: string;
  /** A PostgreSQL URL whose server may create and drop a scratch database. */
  adminDatabaseUrl?: string;
  /** Pin every service to this CPU list (taskset -c). */
  cpus?: string;
  logDir: string;
  /** Extra environment for every service. */
  env?: Record<string, string>;
  /** Extra environment per service. */
  serviceEnv?: Partial<Record<"gateway" | "policy" | "executor" | "ledger", Record<string, string>>>;
  /** Extra node options per service, before the entry point (e.g. --cpu-prof). */
  nodeArgs?: Partial<Record<"gateway" | "policy" | "executor" | "ledger", string[]>>;
  /** Niceness per service over `npm start`'s (SERVICE_NICENESS, then XROUTER_SERVICE_NICENESS). */
  niceness?: Partial<Record<ServiceName, number>>;
  /** The sources through tsx instead of the compiled build (default: compiled, as `npm start`). */
  runtime?: Runtime;
  /** Budget of the API key in USD (total); undefined: none, as for `npm start`'s dev key. */
  keyBudgetUsd?: number;
  label?: string;
}

export interface XRouterSystem {
  baseUrl: string;
  apiKey: string;
  prefix: string;
  databaseUrl: string;
  databaseName: string;
  ledgerAddr: string;
  gateway: Managed;
  policy: Managed;
  ledger: Managed;
  executors: Managed[];
  /** Every service process by name (gateway, policy, ledger, executor-1, ...). */
  processes(): Managed[];
  startExecutor(id: string): Promise<Managed>;
  /** Pids of the PostgreSQL backends serving the scratch database. */
  postgresBackends(): Promise<number[]>;
  stop(): Promise<void>;
}

export async function startXRouter(options: XRouterOptions): Promise<XRouterSystem> {
  const root = options.root ?? REPO_ROOT;
  const runtime = options.runtime ?? "compiled";
  if (runtime === "compiled") buildServices(root);
  const natsUrl = options.natsUrl ?? process.env.NATS_URL ?? "127.0.0.1:4222";
  const adminUrl = options.adminDatabaseUrl ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const tag = `${(options.label ?? "bench").replace(/[^a-z0-9]/gi, "").toLowerCase().slice(0, 10)}${randomBytes(4).toString("hex")}`;
  const databaseName = `xr_${tag}`;
  const prefix = `b${tag}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${databaseName}`);
  await admin.end();
  const dbUrl = new URL(adminUrl);
  dbUrl.pathname = `/${databaseName}`;
  const databaseUrl = dbUrl.toString();

  const started: Managed[] = [];
  const niceness = { ...serviceNiceness(process.env.XROUTER_SERVICE_NICENESS), ...options.niceness };
  const service = (name: ServiceName, label: string, env: Record<string, string>) => {
    // extra node flags after the defaults' heap flag: V8 takes the last of a repeated flag, so they override it
    const [command, args] = nicedCommand(niceness[name], process.execPath, withNodeArgs(serviceArgs(name, runtime), options.nodeArgs?.[name] ?? []));
    return spawnManaged({
      name: label, command, args,
      cwd: root, cpus: options.cpus, logFile: `${options.logDir}/${label}.log`,
      env: { ...SERVICE_ENV, LOG_LEVEL: "info", ...options.env, ...env, ...options.serviceEnv?.[name] },
    }).then((m) => { started.push(m); return m; });
  };

  try {
    const [ledger, policy] = await Promise.all([
      service("ledger", "ledger", { XROUTER_LEDGER_PORT: "0", DATABASE_URL: databaseUrl, NATS_URL: natsUrl, XROUTER_NATS_PREFIX: prefix }),
      service("policy", "policy", { XROUTER_POLICY_PORT: "0" }),
    ]);
    const ledgerAddr = `127.0.0.1:${ledger.port}`;
    const executorEnv = {
      NATS_URL: natsUrl, XROUTER_NATS_PREFIX: prefix,
      OPENAI_API_KEY: "sk-bench-provider-key", OPENAI_BASE_URL: options.upstream,
    };
    const startExecutor = (id: string) => service("executor", id, { ...executorEnv, XROUTER_EXECUTOR_ID: id });
    const executors = await Promise.all(Array.from({ length: options.executors ?? defaultExecutorCount() }, (_, i) => startExecutor(`executor-${i + 1}`)));
    const gateway = await service("gateway", "gateway", {
      XROUTER_PORT: "0", NATS_URL: natsUrl, XROUTER_NATS_PREFIX: prefix, XROUTER_LEDGER_ADDR: ledgerAddr,
      XROUTER_POLICY_ADDR: `127.0.0.1:${policy.port}`, XROUTER_CATALOG: `${REPO_ROOT}test/fixtures/openai-catalog.json`,
    });
    const client = new LedgerClient(ledgerAddr, 30_000);
    const created = await client.createKey({
      tenant_id: `tenant-${prefix}`, name: "bench",
      ...(options.keyBudgetUsd !== undefined ? { budget_total_nanousd: Math.round(options.keyBudgetUsd * 1e9) } : {}),
    });
    client.close();
    const system: XRouterSystem = {
      baseUrl: `http://127.0.0.1:${gateway.port}/v1`, apiKey: created.api_key, prefix, databaseUrl, databaseName, ledgerAddr,
      gateway, policy, ledger, executors,
      processes: () => [gateway, policy, ledger, ...system.executors].filter((p) => p.alive()),
      async startExecutor(id) {
        const e = await startExecutor(id);
        system.executors.push(e);
        return e;
      },
      async postgresBackends() {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        try {
          const rows = (await c.query("SELECT pid FROM pg_stat_activity WHERE datname = $1", [databaseName])).rows as { pid: number }[];
          return rows.map((r) => r.pid);
        } finally {
          await c.end();
        }
      },
      async stop() {
        await Promise.all(started.map((p) => p.stop("SIGTERM")));
        await cleanup(adminUrl, databaseName, natsUrl, prefix);
      },
    };
    return system;
  } catch (error) {
    await Promise.all(started.map((p) => p.stop("SIGKILL")));
    await cleanup(adminUrl, databaseName, natsUrl, prefix);
    throw error;
  }
}

/** Drops the scratch database and the streams and KV buckets of the prefix (their consumers go with them). */
async function cleanup(adminUrl: string, databaseName: string, natsUrl: string, prefix: string): Promise<void> {
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${databaseName} WITH (FORCE)`).catch(() => undefined);
  await admin.end();
  try {
    const { connect } = await import("@nats-io/transport-node");
    const { jetstreamManager } = await import("@nats-io/jetstream");
    const nc = await connect({ servers: natsUrl, timeout: 2000, reconnect: false });
    const jsm = await jetstreamManager(nc);
    const names = busNames(prefix);
    const upper = prefix.toUpperCase().replace(/[^A-Z0-9_]/g, "_");
    const streams = [names.stream, `KV_${names.resultsBucket}`, `KV_${names.runsBucket}`, names.recordsStream, `${upper}_DEAD`, `${upper}_DEAD_CALLS`];
    for (const stream of streams) {
      await jsm.streams.delete(stream).catch(() => undefined);
    }
    await nc.close();
  } catch { /* NATS gone: nothing to clean */ }
}

/** Node flags go before the script; every default flag (`--max-semi-space-size`, ...) comes first. */
function withNodeArgs(defaults: string[], extra: string[]): string[] {
  const script = defaults.findIndex((a) => a === "--import");
  return [...defaults.slice(0, script), ...extra, ...defaults.slice(script)];
}
