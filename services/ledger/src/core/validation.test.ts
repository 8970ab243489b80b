import { describe, expect, it } from "vitest";
import { LedgerError } from "./errors.js";
import {
  requireAmount, requireId, validateCreateKey, validateDayRange, validateGroupBy, validateUpdateKey,
} from "./validation.js";

const base = { tenant_id: "acme", name: "ci", allowed_models: [], rpm_limit: 0, tpm_limit: 0 };

describe("create-key validation", () => {
  it("normalises a valid request", () => {
    const spec = validateCreateKey({ ...base, tenant_id: " acme ", allowed_models: ["a", "a", "b"], budget_daily_nanousd: 0 });
    expect(spec).toEqual({
      tenantId: "acme", name: "ci", allowedModels: ["a", "b"], budgets: { daily: 0 }, rpmLimit: 0, tpmLimit: 0,
    });
  });

  it("rejects an empty tenant", () => {
    expect(() => validateCreateKey({ ...base, tenant_id: "  " })).toThrow(/tenant_id is required/);
  });

  it("rejects negative budgets and limits with the field name", () => {
    expect(() => validateCreateKey({ ...base, budget_total_nanousd: -1 })).toThrow(/budget_total_nanousd/);
    expect(() => validateCreateKey({ ...base, budget_monthly_nanousd: 1.5 })).toThrow(/budget_monthly_nanousd/);
    expect(() => validateCreateKey({ ...base, rpm_limit: -3 })).toThrow(/rpm_limit/);
  });

  it("throws LedgerErrors of kind invalid_argument", () => {
    try {
      validateCreateKey({ ...base, allowed_models: [""] });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(LedgerError);
      expect((error as LedgerError).kind).toBe("invalid_argument");
    }
  });
});

describe("ids, amounts, days", () => {
  it("requires ids and non-negative integer amounts", () => {
    expect(requireId(" r1 ", "reservation_id")).toBe("r1");
    expect(() => requireId("", "reservation_id")).toThrow(/reservation_id is required/);
    expect(requireAmount(0, "amount_nanousd")).toBe(0);
    expect(() => requireAmount(-5, "amount_nanousd")).toThrow(/amount_nanousd/);
  });

  it("accepts empty or real calendar days and ordered ranges only", () => {
    expect(validateDayRange("", "")).toEqual({});
    expect(validateDayRange("2025-02-01", "2025-02-28")).toEqual({ from: "2025-02-01", to: "2025-02-28" });
    expect(() => validateDayRange("2025-02-30", "")).toThrow(/from_day/);
    expect(() => validateDayRange("", "2025/02/01")).toThrow(/to_day/);
    expect(() => validateDayRange("2025-03-01", "2025-02-01")).toThrow(/after/);
  });
});

describe("update-key validation", () => {
  const update = { key_id: "key_1", tenant_id: "", clear_budgets: [], replace_allowed_models: false, allowed_models: [] };

  it("keeps only the fields that change", () => {
    expect(validateUpdateKey({ ...update, budget_daily_nanousd: 500, clear_budgets: ["total"], rpm_limit: 0 })).toEqual({
      keyId: "key_1", tenantId: "", budgets: { daily: 500, total: null }, rpmLimit: 0, tpmLimit: undefined,
    });
    expect(validateUpdateKey({ ...update, replace_allowed_models: true, allowed_models: ["b", "b"] }).allowedModels).toEqual(["b"]);
  });

  it("rejects negative budgets, unknown budget names, contradictions and empty updates", () => {
    expect(() => validateUpdateKey({ ...update, budget_total_nanousd: -1 })).toThrow(/budget_total_nanousd/);
    expect(() => validateUpdateKey({ ...update, clear_budgets: ["weekly"] })).toThrow(/clear_budgets/);
    expect(() => validateUpdateKey({ ...update, budget_daily_nanousd: 5, clear_budgets: ["daily"] })).toThrow(/both set and cleared/);
    expect(() => validateUpdateKey({ ...update, tpm_limit: -5 })).toThrow(/tpm_limit/);
    expect(() => validateUpdateKey(update)).toThrow(/nothing to update/);
    expect(() => validateUpdateKey({ ...update, key_id: " ", name: "x" })).toThrow(/key_id is required/);
  });

  it("accepts report dimensions and refuses others", () => {
    expect(validateGroupBy([])).toEqual(["day", "model"]);
    expect(validateGroupBy(["key", " model", "key"])).toEqual(["key", "model"]);
    expect(() => validateGroupBy(["tenant"])).toThrow(/group_by/);
  });
});
