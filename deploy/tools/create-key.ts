// Creates an API key through the ledger's CreateKey and prints it once (only its hash is kept).
// Run it where the ledger answers, e.g. inside the ledger container:
//   docker compose exec ledger xrouter create-key --tenant acme --name "acme production"
//   kubectl -n xrouter exec deploy/xrouter-ledger -- xrouter create-key --tenant acme
// The ledger address is XROUTER_LEDGER_ADDR, else 127.0.0.1:XROUTER_LEDGER_PORT (50062).
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { LedgerClient } from "../../services/common/src/index.js";

export interface CreateKeyOptions { tenant: string; name: string; address: string }

export function createKeyOptions(argv: string[], env: NodeJS.ProcessEnv): CreateKeyOptions {
  const { values } = parseArgs({
    args: argv, options: { tenant: { type: "string" }, name: { type: "string" } }, strict: true, allowPositionals: false,
  });
  if (!values.tenant) throw new Error("--tenant is required");
  return {
    tenant: values.tenant,
    name: values.name ?? `${values.tenant} key`,
    address: env.XROUTER_LEDGER_ADDR || `127.0.0.1:${env.XROUTER_LEDGER_PORT || "50062"}`,
  };
}

export async function createKey(options: CreateKeyOptions): Promise<string> {
  const ledger = new LedgerClient(options.address);
  try {
    const created = await ledger.createKey({ tenant_id: options.tenant, name: options.name });
    return created.api_key;
  } finally {
    ledger.close();
  }
}

// run as a program, not when a test imports it
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const key = await createKey(createKeyOptions(process.argv.slice(2), process.env));
    process.stdout.write(`${key}\n`);
  } catch (error) {
    process.stderr.write(`create-key: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
