// The whole system as real processes for end-to-end tests: ledger (PostgreSQL), policy, N
// executors and the gateway over real gRPC and real NATS JetStream, against a fake provider.
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
  stop(): Promise<void>;
}

export async function startSystem(label: string, options: { executors?: number; env?: Record<string, string> } = {}): Promise<RunningSystem> {
  const db = await createTestDatabase(label);
  const fake = await startFakeOpenAI();
  const prefix = uniquePrefix(label);
  const extra = options.env ?? {};
  const ledger = await startService("ledger", { XROUTER_LEDGER_PORT: "0", DATABASE_URL: db.url, ...extra });
  const policy = await startService("policy", { XROUTER_POLICY_PORT: "0", ...extra });
  const ledgerAddr = `127.0.0.1:${ledger.port}`;
  const executorEnv = {
    NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: prefix, XROUTER_LEDGER_ADDR: ledgerAddr,
    OPENAI_API_KEY: "sk-test-provider-key", OPENAI_BASE_URL: fake.url, ...extra,
  };
  const startExecutor = (id: string) => startService("executor", { ...executorEnv, XROUTER_EXECUTOR_ID: id }, { label: id });
  const executors = await Promise.all(Array.from({ length: options.executors ?? 2 }, (_, i) => startExecutor(`executor-${i + 1}`)));
  const gateway = await startService("gateway", {
    XROUTER_PORT: "0", NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: prefix, XROUTER_LEDGER_ADDR: ledgerAddr,
    XROUTER_POLICY_ADDR: `127.0.0.1:${policy.port}`, XROUTER_CATALOG: `${ROOT}test/fixtures/openai-catalog.json`, ...extra,
  });
  const client = new LedgerClient(ledgerAddr);
  const { api_key: apiKey } = await client.createKey({ tenant_id: `tenant-${prefix}`, name: "e2e" });
  client.close();
  const running: RunningSystem = {
    baseUrl: `http://127.0.0.1:${gateway.port}/v1`, apiKey, prefix, db, fake, ledger, policy, executors, gateway, ledgerAddr,
    startExecutor,
    async stop() {
      await Promise.all([gateway, ...running.executors, policy, ledger].map((p) => p.kill("SIGTERM")));
      await fake.close();
      await db.drop();
    },
  };
  return running;
}
