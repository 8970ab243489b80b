// Budget leases across gateway replicas: two gateways' lease books, each on its own ledger, the
// two ledgers on one PostgreSQL database, draw one key's calls at once. The calls' records name
// their lease, as the executors' do. The budget holds (spend never passes it), and once every
// lease is given back and every record written, the key has exactly its budget less its spend.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { CallStatus, createLogger, LedgerClient } from "../services/common/src/index.js";
import { BudgetLeases, type LeaseDraw } from "../services/gateway/src/adapters/budget-leases.js";
import { startLedger, type LedgerHandle } from "../services/ledger/src/app.js";
import { createTestDatabase } from "./support/isolation.js";

const silent = createLogger("budget-leases-test", "silent");
const WORST_CASE = 10_000;
const BUDGET = 40 * WORST_CASE;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let ledgers: LedgerHandle[] = [];
let clients: LedgerClient[] = [];

beforeAll(async () => {
  db = await createTestDatabase("leases");
  const config = { port: 0, host: "127.0.0.1", dataDir: ".xrouter", logLevel: "silent" as const, databaseUrl: db.url };
  ledgers = await Promise.all([startLedger(config, { logger: silent }), startLedger(config, { logger: silent })]);
  clients = ledgers.map((l) => new LedgerClient(l.address, 15_000));
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await Promise.all(ledgers.map((l) => l.stop()));
  await db?.drop();
});

it("holds one key's budget across two gateways' leases, and leaves nothing held once the leases are given back", async () => {
  const created = await clients[0]!.createKey({ tenant_id: `tenant-${randomUUID()}`, budget_total_nanousd: BUDGET });
  const key = created.key!;
  const gateways = clients.map((client) => ({ client, leases: new BudgetLeases(client, silent, { callsPerLease: 8, maxLeaseNanoUsd: 1e12 }) }));

  // a call costs its worst case or a fraction of it, and is recorded (naming its lease) before its hold is settled
  let n = 0;
  const run = async (gateway: (typeof gateways)[number]): Promise<boolean> => {
    const drawn = await gateway.leases.draw(key.key_id, WORST_CASE);
    if (!drawn.ok) return false;
    const cost = (n += 1) % 3 === 0 ? WORST_CASE : WORST_CASE / 4;
    await new Promise((r) => setTimeout(r, Math.random() * 20));
    await gateway.client.recordCalls([{
      call_id: `call_${randomUUID()}`, request_id: "r", tenant_id: key.tenant_id, key_id: key.key_id, model_id: "m",
      status: CallStatus.CALL_STATUS_OK, cost_nanousd: cost, created_unix_ms: Date.now(), budget_lease_id: drawn.draw.book.leaseId,
    }]);
    gateway.leases.finish(drawn.draw as LeaseDraw, cost);
    return true;
  };
  // eight workers per gateway, each sending calls until its gateway refuses one
  const outcomes = await Promise.all(gateways.flatMap((g) => Array.from({ length: 8 }, async () => {
    let ok = 0;
    while (await run(g)) ok += 1;
    return ok;
  })));
  const answered = outcomes.reduce((a, b) => a + b, 0);
  const spend = await clients[1]!.getSpend({ tenant_id: key.tenant_id });
  console.info(`[budget-leases] ${answered} calls, spent ${spend.total_cost_nanousd} of ${BUDGET} nano-USD`);
  expect(spend.rows[0]!.calls).toBe(answered);
  expect(spend.total_cost_nanousd).toBeLessThanOrEqual(BUDGET);
  // the last refusals came with less than one worst case left, give or take what the other gateway's lease held
  expect(spend.total_cost_nanousd).toBeGreaterThan(BUDGET - 8 * WORST_CASE);

  await Promise.all(gateways.map((g) => g.leases.close()));
  expect((await clients[0]!.authenticate(created.api_key)).remaining_budget_nanousd).toBe(BUDGET - spend.total_cost_nanousd);
}, 60_000);
