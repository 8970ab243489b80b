// `npm start`, the benchmarks and the image run the services compiled to dist/ (npm run build),
// not through tsx: the build must compile and the compiled services must find the repository's
// data (protos, catalogs, migrations) from dist/, one level deeper than the sources.
import { mkdtemp, rm } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { checkHealth, LedgerClient } from "../services/common/src/index.js";
import { buildServices } from "../scripts/lib/service-command.js";
import { ROOT, startService, type ServiceProcess } from "./support/processes.js";

let dataDir: string;
const running: ServiceProcess[] = [];

beforeAll(async () => {
  buildServices(ROOT);
  dataDir = await mkdtemp(join(tmpdir(), "xr-compiled-"));
}, 120_000);

afterAll(async () => {
  await Promise.all(running.map((p) => p.kill("SIGTERM")));
  await rm(dataDir, { recursive: true, force: true });
});

it("builds every service, and the compiled ledger and policy serve their RPCs", async () => {
  for (const name of ["gateway", "policy", "executor", "ledger"]) {
    expect(existsSync(join(ROOT, `dist/services/${name}/src/main.js`)), name).toBe(true);
  }
  // the ledger applies its migrations from services/ledger/migrations on embedded PGlite
  const ledger = await startService("ledger", { XROUTER_LEDGER_PORT: "0", DATABASE_URL: "", XROUTER_DATA_DIR: dataDir, NATS_URL: "" },
    { runtime: "compiled", readyTimeoutMs: 60_000 });
  running.push(ledger);
  const policy = await startService("policy", { XROUTER_POLICY_PORT: "0" }, { runtime: "compiled" });
  running.push(policy);
  const ledgerClient = new LedgerClient(`127.0.0.1:${ledger.port}`);
  const created = await ledgerClient.createKey({ tenant_id: "compiled", name: "from dist" });
  expect((await ledgerClient.authenticate(created.api_key)).ok).toBe(true);
  ledgerClient.close();
  // the policy serves its gRPC service, whose definition it loaded from protos/
  expect(await checkHealth(`127.0.0.1:${policy.port}`, 2000, "xrouter.policy.v1.PolicyService")).toBe(true);
}, 120_000);
