import { describe, expect, it } from "vitest";
import { LedgerError } from "./errors.js";
import { requireAmount, requireId, validateCreateKey, validateDayRange } from "./validation.js";

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
