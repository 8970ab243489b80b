// The whole system as real processes for end-to-end tests: ledger (PostgreSQL), policy, N
// executors and the gateway over real gRPC and real NATS JetStream, against a fake provider.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LedgerClient } from "../../services/common/src/index.js";
import { startFakeOpenAI, type FakeOpenAI } from "./fake-openai.js";
import { createTestDatabase, natsUrl, uniquePrefix, type TestDatabase } from "./isolation.js";
import { ROOT, startService, type ServiceProcess } from "./processes.js";

export interface RunningSystem {
  baseUrl: string;
  apiKey: string;
  prefix: string;
  db: TestDatabase;
  fake: FakeOpenAI;
  ledger: ServiceProcess;
  policy: ServiceProcess;
  executors: ServiceProcess[];
  gateway: ServiceProcess;
  ledgerAddr: string;
  startExecutor(id: string): Promise<ServiceProcess>;
  /** Every gateway (options.gateways); `gateway` and `baseUrl` are the first one's. */
  gateways: ServiceProcess[];
  baseUrls: string[];
  /** Stops the ledger with `signal` and starts it again on the same port and storage; updates `ledger`. */
  restartLedger(signal?: NodeJS.Signals): Promise<ServiceProcess>;
  stop(): Promise<void>;
}

export interface SystemOptions {
  executors?: number;
  env?: Record<string, string>;
  /** The gateway's catalog (a shipped name or a file); default: test/fixtures/openai-catalog.json. */
  catalog?: string;
  /** Gateway processes sharing the ledger and NATS (default 1). */
  gateways?: number;
  /** "pglite": the ledger runs on embedded PGlite in a temporary XROUTER_DATA_DIR (no DATABASE_URL). */
  ledgerStorage?: "postgres" | "pglite";
  /** NATS server of this system (default: the test run's); e.g. a private one a chaos test restarts. */
  natsUrl?: string;
}

export async function startSystem(label: string, options: SystemOptions = {}): Promise<RunningSystem> {
  const db = await createTestDatabase(label);
  const fake = await startFakeOpenAI();
  const prefix = uniquePrefix(label);
  const nats = options.natsUrl ?? natsUrl();
  const extra = options.env ?? {};
  const dataDir = options.ledgerStorage === "pglite" ? await mkdtemp(join(tmpdir(), "xr-system-ledger-")) : undefined;
  const ledgerEnv: Record<string, string> = {
    ...(dataDir ? { DATABASE_URL: "", XROUTER_DATA_DIR: dataDir } : { DATABASE_URL: db.url }),
    // the executors' call records reach the ledger over the records stream
    NATS_URL: nats, XROUTER_NATS_PREFIX: prefix,
  };
  const ledger = await startService("ledger", { XROUTER_LEDGER_PORT: "0", ...ledgerEnv, ...extra });
  const policy = await startService("policy", { XROUTER_POLICY_PORT: "0", ...extra });
  const ledgerAddr = `127.0.0.1:${ledger.port}`;
  const executorEnv = {
    NATS_URL: nats, XROUTER_NATS_PREFIX: prefix,
    OPENAI_API_KEY: "sk-test-provider-key", OPENAI_BASE_URL: fake.url, ...extra,
  };
  const startExecutor = (id: string) => startService("executor", { ...executorEnv, XROUTER_EXECUTOR_ID: id }, { label: id });
  const executors = await Promise.all(Array.from({ length: options.executors ?? 2 }, (_, i) => startExecutor(`executor-${i + 1}`)));
  const gateways = await Promise.all(Array.from({ length: options.gateways ?? 1 }, (_, i) => startService("gateway", {
    XROUTER_PORT: "0", NATS_URL: nats, XROUTER_NATS_PREFIX: prefix, XROUTER_LEDGER_ADDR: ledgerAddr,
    XROUTER_POLICY_ADDR: `127.0.0.1:${policy.port}`, XROUTER_CATALOG: options.catalog ?? `${ROOT}test/fixtures/openai-catalog.json`, ...extra,
  }, { label: i === 0 ? "gateway" : `gateway-${i + 1}` })));
  const gateway = gateways[0]!;
  const client = new LedgerClient(ledgerAddr);
  const { api_key: apiKey } = await client.createKey({ tenant_id: `tenant-${prefix}`, name: "e2e" });
  client.close();
  const running: RunningSystem = {
    baseUrl: `http://127.0.0.1:${gateway.port}/v1`, apiKey, prefix, db, fake, ledger, policy, executors, gateway, ledgerAddr,
    startExecutor, gateways, baseUrls: gateways.map((g) => `http://127.0.0.1:${g.port}/v1`),
    async restartLedger(signal: NodeJS.Signals = "SIGKILL") {
      await running.ledger.kill(signal);
      running.ledger = await startService("ledger", { XROUTER_LEDGER_PORT: String(ledger.port), ...ledgerEnv, ...extra });
      return running.ledger;
    },
    async stop() {
      await Promise.all([...gateways, ...running.executors, policy, running.ledger].map((p) => p.kill("SIGTERM")));
      await fake.close();
      await db.drop();
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
  return running;
}
