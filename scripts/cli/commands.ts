// Runs one parsed CLI command against the ledger's gRPC API and returns the lines to print.
// Refusals of the ledger (unknown key, invalid value) and an unreachable ledger become a
// CliError with a message for people; nothing secret is ever part of one.
import { grpc, isServiceError, loadCatalog, nanoToUsd, type KeyInfo__Output, type LedgerClient } from "../../services/common/src/index.js";
import { mostExpensiveModel } from "../../services/gateway/src/core/spend-reference.js";
import type { Command } from "./args.js";

export class CliError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
  }
}

const money = (nano: number | null | undefined) => (nano === undefined || nano === null ? "-" : `$${nanoToUsd(nano)}`);

function keyLines(key: KeyInfo__Output, remaining?: number | null): string[] {
  return [
    `key_id:    ${key.key_id}${key.revoked ? "  (revoked)" : ""}`,
    `tenant:    ${key.tenant_id}`,
    `name:      ${key.name || "-"}`,
    `prefix:    ${key.key_prefix}...`,
    `budgets:   total ${money(key.budget_total_nanousd)}, daily ${money(key.budget_daily_nanousd)}, monthly ${money(key.budget_monthly_nanousd)}`
      + (remaining === undefined || remaining === null ? "" : ` (left: ${money(remaining)})`),
    `limits:    ${key.rpm_limit || "no"} requests/min, ${key.tpm_limit || "no"} tokens/min`,
    `models:    ${key.allowed_models.length ? key.allowed_models.join(", ") : "all"}`,
  ];
}

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd());
}

function describe(error: unknown, ledgerAddress: string): CliError {
  if (isServiceError(error)) {
    if (error.code === grpc.status.NOT_FOUND || error.code === grpc.status.INVALID_ARGUMENT) return new CliError(error.details, { cause: error });
    if (error.code === grpc.status.UNAVAILABLE || error.code === grpc.status.DEADLINE_EXCEEDED) {
      return new CliError(`cannot reach the ledger at ${ledgerAddress} (start it, or pass --ledger host:port)`, { cause: error });
    }
  }
  return new CliError(`the ledger failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}

export async function runCommand(command: Command, ledger: LedgerClient, catalogName: string): Promise<string[]> {
  try {
    return await run(command, ledger, catalogName);
  } catch (error) {
    throw error instanceof CliError ? error : describe(error, ledger.address);
  }
}

async function run(command: Command, ledger: LedgerClient, catalogName: string): Promise<string[]> {
  switch (command.kind) {
    case "help":
      return [];
    case "keys-create": {
      const created = await ledger.createKey({
        tenant_id: command.tenant, name: command.name, allowed_models: command.models, rpm_limit: command.rpm, tpm_limit: command.tpm,
        budget_total_nanousd: command.budgets.total, budget_daily_nanousd: command.budgets.daily,
        budget_monthly_nanousd: command.budgets.monthly,
      });
      return ["created:", ...keyLines(created.key!).map((l) => `  ${l}`), "the API key is shown once; store it now:", created.api_key];
    }
    case "keys-list": {
      const listed = await ledger.listKeys({ tenant_id: command.tenant ?? "", all_tenants: command.all, include_revoked: command.revoked });
      if (command.json) return [JSON.stringify(listed.keys, null, 2)];
      if (listed.keys.length === 0) return ["no keys"];
      return table([
        ["KEY_ID", "TENANT", "NAME", "PREFIX", "TOTAL", "DAILY", "MONTHLY", "RPM", "TPM", "STATUS"],
        ...listed.keys.map((k) => [
          k.key_id, k.tenant_id, k.name || "-", k.key_prefix, money(k.budget_total_nanousd), money(k.budget_daily_nanousd),
          money(k.budget_monthly_nanousd), String(k.rpm_limit || "-"), String(k.tpm_limit || "-"), k.revoked ? "revoked" : "active",
        ]),
      ]);
    }
    case "keys-show": {
      const found = await ledger.getKey({ key_id: command.keyId });
      return command.json ? [JSON.stringify(found, null, 2)] : keyLines(found.key!, found.remaining_budget_nanousd);
    }
    case "keys-revoke": {
      const revoked = await ledger.revokeKey({ key_id: command.keyId });
      return [`revoked ${revoked.key!.key_id} (tenant ${revoked.key!.tenant_id}); it stops working within the gateways' auth cache time`];
    }
    case "keys-set-budget": {
      const b = command.budgets;
      const set = (v: number | null | undefined) => (typeof v === "number" ? v : undefined);
      const updated = await ledger.updateKey({
        key_id: command.keyId, budget_total_nanousd: set(b.total), budget_daily_nanousd: set(b.daily),
        budget_monthly_nanousd: set(b.monthly),
        clear_budgets: (["total", "daily", "monthly"] as const).filter((name) => b[name] === null),
      });
      return ["updated:", ...keyLines(updated.key!).map((l) => `  ${l}`)];
    }
    case "keys-set-limits": {
      const updated = await ledger.updateKey({
        key_id: command.keyId, rpm_limit: command.rpm, tpm_limit: command.tpm,
        replace_allowed_models: command.models !== undefined, allowed_models: command.models ?? [],
      });
      return ["updated:", ...keyLines(updated.key!).map((l) => `  ${l}`)];
    }
    case "spend": {
      const reference = mostExpensiveModel(loadCatalog(catalogName).models);
      const spend = await ledger.getSpend({
        tenant_id: command.tenant, key_id: command.keyId ?? "", from_day: command.from ?? "", to_day: command.to ?? "",
        group_by: command.groupBy, ...(reference ? { reference_price: reference.price, reference_model: reference.id } : {}),
      });
      if (command.json) return [JSON.stringify(spend, null, 2)];
      const dims = (["day", "model", "key"] as const).filter((g) => command.groupBy.includes(g));
      const cell = { day: (r: (typeof spend.rows)[number]) => r.day, model: (r: (typeof spend.rows)[number]) => r.model_id, key: (r: (typeof spend.rows)[number]) => r.key_id };
      const lines = spend.rows.length === 0 ? ["no spend in this range"] : table([
        [...dims.map((d) => d.toUpperCase()), "CALLS", "INPUT", "OUTPUT", "COST", `ON ${spend.reference_model || "-"}`],
        ...spend.rows.map((r) => [
          ...dims.map((d) => cell[d](r)), String(r.calls), String(r.input_tokens), String(r.output_tokens),
          money(r.cost_nanousd), money(r.counterfactual_cost_nanousd),
        ]),
      ]);
      const saved = spend.counterfactual_cost_nanousd - spend.total_cost_nanousd;
      return [...lines, `total ${money(spend.total_cost_nanousd)} over ${spend.requests} requests; on ${spend.reference_model || "-"}: ${money(spend.counterfactual_cost_nanousd)} (saved ${money(saved)})`];
    }
  }
}
