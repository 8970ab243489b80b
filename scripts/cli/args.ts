// Parses the xrouter CLI's arguments into one command, refusing anything malformed before the
// ledger is contacted: each mistake is a UsageError whose message says what to type instead.
import { parseArgs } from "node:util";
import { usdToNano } from "../../services/common/src/index.js";

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

export type BudgetName = "total" | "daily" | "monthly";
/** A budget in nano-USD, or null to remove it. */
export type BudgetArg = number | null;

export type Command =
  | { kind: "help" }
  | { kind: "keys-create"; tenant: string; name: string; budgets: Partial<Record<BudgetName, number>>; rpm: number; tpm: number; models: string[] }
  | { kind: "keys-list"; tenant?: string; all: boolean; revoked: boolean; json: boolean }
  | { kind: "keys-show"; keyId: string; json: boolean }
  | { kind: "keys-revoke"; keyId: string }
  | { kind: "keys-set-budget"; keyId: string; budgets: Partial<Record<BudgetName, BudgetArg>> }
  | { kind: "keys-set-limits"; keyId: string; rpm?: number; tpm?: number; models?: string[] }
  | { kind: "spend"; tenant: string; keyId?: string; from?: string; to?: string; groupBy: string[]; json: boolean };

export interface ParsedCli {
  command: Command;
  ledger: string;
  catalog: string;
}

const OPTIONS = {
  ledger: { type: "string" }, catalog: { type: "string" }, help: { type: "boolean", short: "h" },
  tenant: { type: "string" }, name: { type: "string" }, models: { type: "string" },
  "total-usd": { type: "string" }, "daily-usd": { type: "string" }, "monthly-usd": { type: "string" },
  rpm: { type: "string" }, tpm: { type: "string" }, all: { type: "boolean" }, revoked: { type: "boolean" },
  json: { type: "boolean" }, key: { type: "string" }, from: { type: "string" }, to: { type: "string" }, "group-by": { type: "string" },
} as const;

const VALUE_OPTIONS = new Set(Object.entries(OPTIONS).filter(([, o]) => o.type === "string").map(([k]) => `--${k}`));
const BUDGETS: BudgetName[] = ["total", "daily", "monthly"];
const KEY_ID = /^key_[0-9a-f]{24}$/;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** `--daily-usd -5` would otherwise be read as an unknown option "-5" instead of a negative budget. */
function joinNegativeValues(argv: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i += 1) {
    const next = argv[i + 1];
    if (VALUE_OPTIONS.has(argv[i]!) && next !== undefined && /^-\d/.test(next)) { out.push(`${argv[i]}=${next}`); i += 1; } else out.push(argv[i]!);
  }
  return out;
}

function usd(value: string, flag: string, allowNone: boolean): BudgetArg {
  if (allowNone && value === "none") return null;
  if (/^-/.test(value)) throw new UsageError(`--${flag} must not be negative (got ${value})`);
  if (!/^\d+(\.\d+)?$/.test(value)) throw new UsageError(`--${flag} must be an amount of USD like 5 or 0.25${allowNone ? ", or none to remove it" : ""} (got '${value}')`);
  const amount = Number(value);
  if (amount > 9_000_000) throw new UsageError(`--${flag} is above 9,000,000 USD`);
  return usdToNano(amount);
}

function count(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) > 2_147_483_647) throw new UsageError(`--${flag} must be a whole number, 0 for no limit (got '${value}')`);
  return Number(value);
}

export function checkKeyId(value: string | undefined): string {
  if (!value) throw new UsageError("give the key_id of the key (see: keys list)");
  if (value.startsWith("xr-")) throw new UsageError("that is an API key, a secret; name keys by their key_id (key_...), see: keys list");
  if (!KEY_ID.test(value)) throw new UsageError(`malformed key_id '${value}': expected key_ followed by 24 hex digits`);
  return value;
}

function day(value: string | undefined, flag: string): string | undefined {
  if (value === undefined) return undefined;
  if (!DAY.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw new UsageError(`--${flag} must be a day as YYYY-MM-DD (got '${value}')`);
  return value;
}

const list = (value: string) => value.split(",").map((s) => s.trim()).filter(Boolean);

export function parseCli(argv: string[], env: NodeJS.ProcessEnv = process.env): ParsedCli {
  let parsed;
  try {
    parsed = parseArgs({ args: joinNegativeValues(argv), options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const v = parsed.values;
  const [group, verb, target, ...extra] = parsed.positionals;
  const ledger = v.ledger ?? env.XROUTER_LEDGER_ADDR ?? "127.0.0.1:50062";
  const catalog = v.catalog ?? env.XROUTER_CATALOG ?? "xrouter";
  const done = (command: Command): ParsedCli => ({ command, ledger, catalog });
  if (v.help || !group || group === "help") return done({ kind: "help" });
  const tooMany = group === "spend" ? verb : extra[0];
  if (tooMany !== undefined) throw new UsageError(`unexpected argument '${tooMany}'`);
  const budgets = (allowNone: boolean) => {
    const out: Partial<Record<BudgetName, BudgetArg>> = {};
    for (const b of BUDGETS) {
      const raw = v[`${b}-usd`];
      if (raw !== undefined) out[b] = usd(raw, `${b}-usd`, allowNone);
    }
    return out;
  };
  if (group === "spend") {
    if (!v.tenant) throw new UsageError("spend needs --tenant <tenant_id>");
    const groupBy = v["group-by"] ? list(v["group-by"]) : ["day", "model"];
    const bad = groupBy.find((g) => !["day", "model", "key"].includes(g));
    if (bad) throw new UsageError(`--group-by may list day, model and key (got '${bad}')`);
    return done({
      kind: "spend", tenant: v.tenant, keyId: v.key === undefined ? undefined : checkKeyId(v.key),
      from: day(v.from, "from"), to: day(v.to, "to"), groupBy, json: v.json ?? false,
    });
  }
  if (group !== "keys") throw new UsageError(`unknown command '${group}' (commands: keys, spend, help)`);
  switch (verb) {
    case "create": {
      if (target !== undefined) throw new UsageError(`unexpected argument '${target}'`);
      if (!v.tenant) throw new UsageError("keys create needs --tenant <tenant_id>");
      return done({
        kind: "keys-create", tenant: v.tenant, name: v.name ?? "", budgets: budgets(false) as Partial<Record<BudgetName, number>>,
        rpm: count(v.rpm, "rpm") ?? 0, tpm: count(v.tpm, "tpm") ?? 0, models: v.models ? list(v.models) : [],
      });
    }
    case "list":
      if (target !== undefined) throw new UsageError(`unexpected argument '${target}'`);
      if (!v.tenant && !v.all) throw new UsageError("keys list needs --tenant <tenant_id> or --all");
      return done({ kind: "keys-list", tenant: v.tenant, all: v.all ?? false, revoked: v.revoked ?? false, json: v.json ?? false });
    case "show":
      return done({ kind: "keys-show", keyId: checkKeyId(target), json: v.json ?? false });
    case "revoke":
      return done({ kind: "keys-revoke", keyId: checkKeyId(target) });
    case "set-budget": {
      const keyId = checkKeyId(target);
      const changes = budgets(true);
      if (Object.keys(changes).length === 0) throw new UsageError("keys set-budget needs --total-usd, --daily-usd or --monthly-usd (a number, or none)");
      return done({ kind: "keys-set-budget", keyId, budgets: changes });
    }
    case "set-limits": {
      const keyId = checkKeyId(target);
      const models = v.models === undefined ? undefined : v.models === "all" ? [] : list(v.models);
      const command = { kind: "keys-set-limits" as const, keyId, rpm: count(v.rpm, "rpm"), tpm: count(v.tpm, "tpm"), models };
      if (command.rpm === undefined && command.tpm === undefined && models === undefined) {
        throw new UsageError("keys set-limits needs --rpm, --tpm or --models");
      }
      return done(command);
    }
    default:
      throw new UsageError(verb ? `unknown keys command '${verb}' (create, list, show, revoke, set-budget, set-limits)` : "keys needs a command: create, list, show, revoke, set-budget, set-limits");
  }
}

export const USAGE = `Usage: npm run xrouter -- <command> [options]

  keys create --tenant <id> [--name <text>] [--total-usd <n>] [--daily-usd <n>] [--monthly-usd <n>]
              [--rpm <n>] [--tpm <n>] [--models <a,b,...>]
      creates a key and prints it once, alone on the last line
  keys list (--tenant <id> | --all) [--revoked] [--json]
  keys show <key_id> [--json]
  keys revoke <key_id>
  keys set-budget <key_id> [--total-usd <n|none>] [--daily-usd <n|none>] [--monthly-usd <n|none>]
  keys set-limits <key_id> [--rpm <n>] [--tpm <n>] [--models <a,b,...|all>]
  spend --tenant <id> [--key <key_id>] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--group-by day,model,key] [--json]

  Budgets are USD (per UTC day, per UTC month, in total); 0 limits mean none.
  --ledger <host:port>  the ledger (default: $XROUTER_LEDGER_ADDR, else 127.0.0.1:50062)
  --catalog <name|file> prices the savings of spend reports (default: $XROUTER_CATALOG, else xrouter)
`;
