import { describe, expect, it } from "vitest";
import { XRouterError } from "../../../common/src/index.js";
import { parseCreateKey, parseSpendQuery, parseUpdateKey } from "./admin-input.js";

function refusal(run: () => unknown): XRouterError {
  try {
    run();
  } catch (error) {
    if (error instanceof XRouterError) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("admin input", () => {
  it("turns USD budgets into nano-USD and fills defaults", () => {
    expect(parseCreateKey({ tenant_id: " acme ", budget_daily_usd: 1.5, budget_total_nanousd: 7, rpm_limit: 3 })).toEqual({
      tenant_id: "acme", name: "", allowed_models: [], rpm_limit: 3, tpm_limit: 0,
      budget_total_nanousd: 7, budget_daily_nanousd: 1_500_000_000, budget_monthly_nanousd: undefined,
    });
  });

  it("refuses negative budgets, unknown fields and doubled units, naming the field", () => {
    expect(refusal(() => parseCreateKey({ tenant_id: "a", budget_monthly_usd: -0.01 }))).toMatchObject({ status: 400, param: "budget_monthly_usd" });
    expect(refusal(() => parseCreateKey({ tenant_id: "a", budgett: 1 }))).toMatchObject({ param: "budgett", code: "unknown_parameter" });
    expect(refusal(() => parseCreateKey({ tenant_id: "a", budget_daily_usd: 1, budget_daily_nanousd: 1 }))).toMatchObject({ param: "budget_daily_usd" });
    expect(refusal(() => parseCreateKey([]))).toMatchObject({ code: "invalid_body" });
    expect(refusal(() => parseCreateKey({ tenant_id: "a", allowed_models: ["ok", " "] }))).toMatchObject({ param: "allowed_models" });
  });

  it("maps null to clearing a budget and lists to replacing the allow-list", () => {
    expect(parseUpdateKey("key_1", { budget_total_usd: null, budget_daily_nanousd: 5, allowed_models: null })).toMatchObject({
      key_id: "key_1", budget_daily_nanousd: 5, budget_total_nanousd: undefined, clear_budgets: ["total"],
      replace_allowed_models: true, allowed_models: [],
    });
    expect(parseUpdateKey("key_1", { tpm_limit: 0 })).toMatchObject({ tpm_limit: 0, replace_allowed_models: false, clear_budgets: [] });
    expect(refusal(() => parseUpdateKey("key_1", {}))).toMatchObject({ code: "invalid_body" });
  });

  it("reads spend queries and refuses impossible ones", () => {
    expect(parseSpendQuery({ from: "2025-01-01", group_by: "key, model" })).toEqual({ from: "2025-01-01", to: undefined, keyId: undefined, groupBy: ["key", "model"] });
    expect(parseSpendQuery(undefined).groupBy).toEqual(["day", "model"]);
    expect(refusal(() => parseSpendQuery({ to: "2025-13-01" }))).toMatchObject({ param: "to" });
    expect(refusal(() => parseSpendQuery({ from: "2025-02-02", to: "2025-02-01" }))).toMatchObject({ param: "to" });
    expect(refusal(() => parseSpendQuery({ group_by: "tenant" }))).toMatchObject({ param: "group_by" });
  });
});
