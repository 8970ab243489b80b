// The xrouter CLI as a real process against a real ledger: key administration end to end, the
// new key alone on the last line of `keys create`, and a clear message with a non-zero exit
// status for every kind of bad input.
import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, LedgerClient } from "../services/common/src/index.js";
import { startLedger, type LedgerHandle } from "../services/ledger/src/app.js";
import { createTestDatabase, type TestDatabase } from "./support/isolation.js";
import { ROOT } from "./support/processes.js";

let db: TestDatabase;
let ledger: LedgerHandle;
let client: LedgerClient;

beforeAll(async () => {
  db = await createTestDatabase("cli");
  ledger = await startLedger({ port: 0, host: "127.0.0.1", dataDir: ".xrouter", logLevel: "silent", databaseUrl: db.url },
    { logger: createLogger("cli-test", "silent") });
  client = new LedgerClient(ledger.address);
});

afterAll(async () => {
  client?.close();
  await ledger?.stop();
  await db?.drop();
});

function cli(args: string[], ledgerAddress = ledger.address): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ["--import", "tsx", "scripts/xrouter-cli.ts", ...args], {
      cwd: ROOT, env: { ...process.env, XROUTER_LEDGER_ADDR: ledgerAddress, XROUTER_CATALOG: `${ROOT}test/fixtures/openai-catalog.json` },
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }));
  });
}

describe("xrouter keys", () => {
  it("creates a key, printed alone on the last line, then shows, budgets, lists and revokes it", async () => {
    const created = await cli(["keys", "create", "--tenant", "cli-tenant", "--name", "ci", "--daily-usd", "2.5", "--rpm", "60"]);
    expect(created.code).toBe(0);
    const apiKey = created.stdout.trimEnd().split("\n").at(-1)!;
    expect(apiKey).toMatch(/^xr-[A-Za-z0-9_-]{43}$/);
    const auth = await client.authenticate(apiKey);
    expect(auth.key).toMatchObject({ tenant_id: "cli-tenant", name: "ci", budget_daily_nanousd: 2_500_000_000, rpm_limit: 60 });
    const keyId = auth.key!.key_id;

    const [budgeted, limited] = await Promise.all([
      cli(["keys", "set-budget", keyId, "--total-usd", "10", "--daily-usd", "none"]),
      cli(["keys", "list", "--tenant", "cli-tenant", "--json"]),
    ]);
    expect(budgeted.code).toBe(0);
    expect(JSON.parse(limited.stdout).map((k: { key_id: string }) => k.key_id)).toEqual([keyId]);
    const after = await client.getKey({ key_id: keyId });
    expect(after.key).toMatchObject({ budget_total_nanousd: 10_000_000_000 });
    expect(after.key!.budget_daily_nanousd).toBeUndefined();

    const revoked = await cli(["keys", "revoke", keyId]);
    expect(revoked.code).toBe(0);
    expect((await client.authenticate(apiKey)).ok).toBe(false);
    expect(revoked.stdout + revoked.stderr).not.toContain(apiKey);
  });

  it("refuses bad input with a clear message and a non-zero exit status", async () => {
    const { key, api_key: apiKey } = await client.createKey({ tenant_id: "cli-tenant", name: "victim" });
    const [negative, unknown, malformed, pasted, noTenant, unreachable, strayWord] = await Promise.all([
      cli(["keys", "create", "--tenant", "t", "--daily-usd", "-5"]),
      cli(["keys", "revoke", "key_000000000000000000000000"]),
      cli(["keys", "set-budget", "key_nope", "--total-usd", "1"]),
      cli(["keys", "revoke", apiKey]),
      cli(["keys", "create", "--total-usd", "1"]),
      cli(["keys", "list", "--all"], "127.0.0.1:1"),
      cli(["keys", "set-budget", key!.key_id, "--total-usd", "ten"]),
    ]);
    expect(negative).toMatchObject({ code: 2 });
    expect(negative.stderr).toContain("--daily-usd must not be negative");
    expect(unknown).toMatchObject({ code: 1 });
    expect(unknown.stderr).toContain("no key with key_id 'key_000000000000000000000000'");
    expect(malformed).toMatchObject({ code: 2 });
    expect(malformed.stderr).toContain("malformed key_id 'key_nope'");
    expect(pasted).toMatchObject({ code: 2 });
    expect(pasted.stderr).toContain("that is an API key");
    expect(pasted.stderr).not.toContain(apiKey);
    expect(noTenant).toMatchObject({ code: 2 });
    expect(noTenant.stderr).toContain("--tenant");
    expect(unreachable).toMatchObject({ code: 1 });
    expect(unreachable.stderr).toContain("cannot reach the ledger at 127.0.0.1:1");
    expect(strayWord).toMatchObject({ code: 2 });
    expect(strayWord.stderr).toContain("--total-usd must be an amount of USD");
    expect((await client.authenticate(apiKey)).ok).toBe(true);
  });

  it("reports a tenant's spend with the savings against the catalog's most expensive model", async () => {
    const { key } = await client.createKey({ tenant_id: "cli-spend", name: "k" });
    await client.recordCall({
      call_id: "cli-call-1", request_id: "r", tenant_id: "cli-spend", key_id: key!.key_id, model_id: "gpt-5-nano", provider: "openai",
      status: "CALL_STATUS_OK", usage: { input_tokens: 1000, output_tokens: 100 }, cost_nanousd: 90_000, created_unix_ms: Date.now(),
    });
    const report = await cli(["spend", "--tenant", "cli-spend", "--group-by", "model"]);
    expect(report.code).toBe(0);
    expect(report.stdout).toContain("gpt-5-nano");
    // 1000 x 1.25 + 100 x 10 USD per 1M on gpt-5 = $0.00225
    expect(report.stdout).toContain("on gpt-5: $0.00225 (saved $0.00216)");
  });
});
