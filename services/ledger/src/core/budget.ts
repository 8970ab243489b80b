// Budget arithmetic over integer nano-USD. A key may carry a total, a daily (UTC day) and a
// monthly (UTC month) budget; each is checked against settled spend in its window plus open
// reservations. Reservations are counted against every window: they are short-lived, and
// counting a hold made just before midnight against the new day errs on the side of the budget.

/** Reservations older than this are ignored, so a crashed gateway cannot pin a budget. */
export const RESERVATION_TTL_MS = 15 * 60 * 1000;
/** Expired reservations are kept this long for a late Settle, then pruned. */
export const RESERVATION_RETENTION_MS = 24 * 60 * 60 * 1000;

export interface KeyBudgets {
  total?: number;
  daily?: number;
  monthly?: number;
}

export interface BudgetUsage {
  spentTotal: number;
  spentToday: number;
  spentThisMonth: number;
  reserved: number;
}

export interface BudgetWindows {
  today: string;
  monthStart: string;
  /** Reservations created before this instant (ms) have expired. */
  reservationCutoffMs: number;
  /** Reservations created before this instant (ms) may be deleted. */
  retentionCutoffMs: number;
}

export type BudgetName = "total" | "daily" | "monthly";

export type ReservationDecision =
  | { ok: true; remaining?: number }
  | { ok: false; budget: BudgetName; remaining: number; reason: string };

/** The UTC calendar day of an instant, as YYYY-MM-DD. */
export function utcDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function budgetWindows(nowMs: number): BudgetWindows {
  const today = utcDay(nowMs);
  return {
    today,
    monthStart: `${today.slice(0, 7)}-01`,
    reservationCutoffMs: nowMs - RESERVATION_TTL_MS,
    retentionCutoffMs: nowMs - RESERVATION_RETENTION_MS,
  };
}

function leftPerBudget(budgets: KeyBudgets, usage: BudgetUsage): Array<{ budget: BudgetName; left: number }> {
  const spentIn: Record<BudgetName, number> = {
    total: usage.spentTotal, daily: usage.spentToday, monthly: usage.spentThisMonth,
  };
  const result: Array<{ budget: BudgetName; left: number }> = [];
  for (const budget of ["total", "daily", "monthly"] as const) {
    const limit = budgets[budget];
    if (limit !== undefined) result.push({ budget, left: limit - spentIn[budget] - usage.reserved });
  }
  return result;
}

/** The tightest budget left, never below zero; undefined when the key has no budget. */
export function remainingBudget(budgets: KeyBudgets, usage: BudgetUsage): number | undefined {
  const lefts = leftPerBudget(budgets, usage);
  if (lefts.length === 0) return undefined;
  return Math.max(0, Math.min(...lefts.map((l) => l.left)));
}

export function decideReservation(budgets: KeyBudgets, usage: BudgetUsage, amount: number): ReservationDecision {
  const lefts = leftPerBudget(budgets, usage);
  if (lefts.length === 0) return { ok: true };
  const tightest = lefts.reduce((a, b) => (b.left < a.left ? b : a));
  if (tightest.left >= amount) return { ok: true, remaining: tightest.left - amount };
  const remaining = Math.max(0, tightest.left);
  return {
    ok: false,
    budget: tightest.budget,
    remaining,
    reason: `${tightest.budget} budget exceeded: ${remaining} nano-USD left, ${amount} nano-USD requested`,
  };
}

export interface ReservationAsk {
  reservationId: string;
  amount: number;
  /** The store has this reservation (or the call it became) already: a retried Reserve. */
  known: boolean;
}

export type BatchDecision = ReservationDecision & { hold: boolean };

/**
 * Decides the Reserves of one key taken together (one transaction, one lock) as if they had come
 * one after another in this order: each accepted hold counts against the asks after it. A known
 * reservation, or a repeat of one earlier in the batch, is accepted again without a second hold.
 */
export function decideReservations(budgets: KeyBudgets, usage: BudgetUsage, asks: readonly ReservationAsk[]): BatchDecision[] {
  let reserved = usage.reserved;
  const held = new Set<string>();
  return asks.map((ask) => {
    const now = { ...usage, reserved };
    if (ask.known || held.has(ask.reservationId)) {
      const remaining = remainingBudget(budgets, now);
      return { ok: true, ...(remaining === undefined ? {} : { remaining }), hold: false };
    }
    const decision = decideReservation(budgets, now, ask.amount);
    if (!decision.ok) return { ...decision, hold: false };
    reserved += ask.amount;
    held.add(ask.reservationId);
    return { ...decision, hold: true };
  });
}

/**
 * A gateway's lease takes at most this share of what a key has left, so that the key's other
 * gateways still find some: near the end of a budget the leases shrink toward single calls.
 */
export const LEASE_SHARE_OF_REMAINING = 0.25;

export type LeaseDecision =
  | { ok: true; granted: number; remaining?: number }
  | { ok: false; budget: BudgetName; remaining: number; reason: string };

/**
 * How much of a budget lease to grant: `want` when the key has plenty left, a share of what is
 * left when it has less, never less than `need` (the call the lease is asked for), and nothing
 * when even `need` does not fit, which is Reserve's answer for that call.
 */
export function decideLease(budgets: KeyBudgets, usage: BudgetUsage, want: number, need: number): LeaseDecision {
  const forNeed = decideReservation(budgets, usage, need);
  if (!forNeed.ok) return forNeed;
  const left = remainingBudget(budgets, usage);
  if (left === undefined) return { ok: true, granted: Math.max(want, need) };
  const granted = Math.max(need, Math.min(want, Math.floor(left * LEASE_SHARE_OF_REMAINING)));
  return { ok: true, granted, remaining: left - granted };
}

/** The budgets that are set; an absent one does not apply. */
export function keyBudgets(total: number | undefined, daily: number | undefined, monthly: number | undefined): KeyBudgets {
  const budgets: KeyBudgets = {};
  if (total !== undefined) budgets.total = total;
  if (daily !== undefined) budgets.daily = daily;
  if (monthly !== undefined) budgets.monthly = monthly;
  return budgets;
}
