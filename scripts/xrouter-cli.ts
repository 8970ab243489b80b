// `npm run xrouter -- ...`: key administration and spend reports against the ledger's gRPC API.
// Exit status: 0 done, 1 the ledger refused or cannot be reached, 2 the command line is wrong.
import { LedgerClient } from "../services/common/src/index.js";
import { parseCli, USAGE, UsageError } from "./cli/args.js";
import { CliError, runCommand } from "./cli/commands.js";

async function main(): Promise<number> {
  let parsed;
  try {
    parsed = parseCli(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`xrouter: ${error.message}\nusage: npm run xrouter -- help\n`);
    return 2;
  }
  if (parsed.command.kind === "help") {
    process.stdout.write(USAGE);
    return 0;
  }
  const ledger = new LedgerClient(parsed.ledger);
  try {
    const lines = await runCommand(parsed.command, ledger, parsed.catalog);
    process.stdout.write(`${lines.join("\n")}\n`);
    return 0;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    process.stderr.write(`xrouter: ${error.message}\n`);
    return 1;
  } finally {
    ledger.close();
  }
}

main().then((code) => process.exit(code), (error: unknown) => {
  process.stderr.write(`xrouter: unexpected failure: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
