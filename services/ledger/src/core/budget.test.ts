import { describe, expect, it } from "vitest";
import { budgetWindows, decideLease, decideReservation, decideReservations, remainingBudget, RESERVATION_TTL_MS, utcDay } from "./budget.js";

const usage = (spentTotal: number, spentToday: number, spentThisMonth: number, reserved: number) =>
  ({ spentTotal, spentToday, spentThisMonth, reserved });

describe("budget windows", () => {
  it("uses UTC days and months", () => {
    const now = Date.UTC(2025, 0, 31, 23, 59, 59);
    const w = budgetWindows(now);
    expect(w.today).toBe("2025-01-31");
    expect(w.monthStart).toBe("2025-01-01");
    expect(w.reservationCutoffMs).toBe(now - RESERVATION_TTL_MS);
    expect(utcDay(Date.UTC(2025, 1, 1, 0, 0, 0))).toBe("2025-02-01");
  });
});

describe("remaining budget", () => {
  it("is undefined when no budget is set", () => {
    expect(remainingBudget({}, usage(100, 100, 100, 5))).toBeUndefined();
  });

  it("is the tightest window minus open reservations", () => {
    expect(remainingBudget({ total: 1000, daily: 300, monthly: 500 }, usage(400, 100, 250, 50))).toBe(150);
    expect(remainingBudget({ total: 1000 }, usage(400, 100, 250, 50))).toBe(550);
  });

  it("never goes below zero after an overspend", () => {
    expect(remainingBudget({ daily: 100 }, usage(0, 150, 150, 0))).toBe(0);
  });
});

describe("reservation decision", () => {
  it("allows anything without budgets", () => {
    expect(decideReservation({}, usage(0, 0, 0, 0), 10 ** 12)).toEqual({ ok: true });
  });

  it("allows exactly up to the budget", () => {
    expect(decideReservation({ total: 100 }, usage(60, 0, 0, 30), 10)).toEqual({ ok: true, remaining: 0 });
  });

  it("denies one nano-USD over and names the violated budget", () => {
    const decision = decideReservation({ total: 1000, monthly: 100 }, usage(60, 0, 60, 30), 11);
    expect(decision.ok).toBe(false);
    if (decision.ok) return;
    expect(decision.budget).toBe("monthly");
    expect(decision.remaining).toBe(10);
    expect(decision.reason).toContain("monthly budget");
  });

  it("checks the daily window separately from the total", () => {
    const decision = decideReservation({ total: 10_000, daily: 100 }, usage(5000, 95, 95, 0), 10);
    expect(decision).toMatchObject({ ok: false, budget: "daily", remaining: 5 });
  });
});

describe("a batch of reservations of one key", () => {
  const ask = (reservationId: string, amount: number, known = false) => ({ reservationId, amount, known });

  it("decides them in order, each accepted hold counting against the ones after it", () => {
    const decided = decideReservations({ total: 1000 }, usage(500, 0, 0, 100), [ask("a", 150), ask("b", 300), ask("c", 200), ask("d", 50)]);
    expect(decided.map((d) => [d.ok, d.hold, d.remaining])).toEqual([[true, true, 250], [false, false, 250], [true, true, 50], [true, true, 0]]);
    expect(decided[1]).toMatchObject({ budget: "total", reason: "total budget exceeded: 250 nano-USD left, 300 nano-USD requested" });
  });

  it("accepts a known reservation and a repeat within the batch again without holding twice", () => {
    const decided = decideReservations({ daily: 1000 }, usage(0, 600, 0, 0), [ask("a", 300, true), ask("b", 300), ask("b", 300), ask("c", 200)]);
    expect(decided.map((d) => [d.ok, d.hold, d.remaining])).toEqual([[true, false, 400], [true, true, 100], [true, false, 100], [false, false, 100]]);
  });

  it("holds everything when the key has no budget", () => {
    expect(decideReservations({}, usage(0, 0, 0, 0), [ask("a", 5), ask("b", 7)])).toEqual([{ ok: true, hold: true }, { ok: true, hold: true }]);
  });
});

describe("a budget lease", () => {
  it("grants what was wanted when the key has plenty left", () => {
    expect(decideLease({ total: 1_000_000 }, usage(0, 0, 0, 0), 1000, 10)).toEqual({ ok: true, granted: 1000, remaining: 999_000 });
  });

  it("grants a quarter of what is left when that is less than wanted, so the key's other gateways find some", () => {
    expect(decideLease({ total: 1000 }, usage(500, 0, 0, 100), 1000, 10)).toEqual({ ok: true, granted: 100, remaining: 300 });
  });

  it("grants the call's need when a quarter of what is left is less, and refuses as Reserve would when the need does not fit", () => {
    expect(decideLease({ total: 1000 }, usage(900, 0, 0, 60), 1000, 30)).toEqual({ ok: true, granted: 30, remaining: 10 });
    expect(decideLease({ total: 1000, daily: 100 }, usage(900, 80, 80, 0), 1000, 30))
      .toMatchObject({ ok: false, budget: "daily", remaining: 20 });
  });

  it("grants what was wanted when the key has no budget", () => {
    expect(decideLease({}, usage(0, 0, 0, 0), 1000, 10)).toEqual({ ok: true, granted: 1000 });
  });
});
