import { afterEach, describe, expect, it, vi } from "vitest";
import { createLogger } from "../../../common/src/index.js";
import type { GrantBudgetLeaseRequest } from "../../../common/src/generated/xrouter/ledger/v1/GrantBudgetLeaseRequest.js";
import { BudgetLeases, type LeaseDraw } from "./budget-leases.js";

const log = createLogger("budget-leases-test", "silent");

/** A ledger's lease rules over one key's budget: a quarter of what is left, at least the need. */
function fakeLedger(budget: number) {
  const holds = new Map<string, number>();
  const grants: GrantBudgetLeaseRequest[] = [];
  const returns: Array<[string, number]> = [];
  const left = () => budget - [...holds.values()].reduce((a, b) => a + b, 0);
  return {
    holds, grants, returns, left,
    async grantBudgetLease(r: GrantBudgetLeaseRequest) {
      grants.push(r);
      await new Promise((resolve) => setTimeout(resolve, 2));
      if (r.retire_lease_id) holds.set(r.retire_lease_id, holds.get(r.retire_lease_id)! - Number(r.retire_unused_nanousd));
      const need = Number(r.need_nanousd);
      if (left() < need) return { ok: false, granted_nanousd: 0, denied_reason: `total budget exceeded: ${left()} left` };
      const granted = Math.max(need, Math.min(Number(r.want_nanousd), Math.floor(left() / 4)));
      holds.set(r.lease_id!, granted);
      return { ok: true, granted_nanousd: granted, denied_reason: "" };
    },
    async returnBudgetLease(leaseId: string, unused: number) {
      returns.push([leaseId, unused]);
      holds.set(leaseId, holds.get(leaseId)! - unused);
      return {};
    },
  };
}

afterEach(() => { vi.useRealTimers(); });

describe("budget leases", () => {
  it("lets exactly as many calls through as the budget holds, asking once per lease rather than once per call", async () => {
    const ledger = fakeLedger(20_000);
    const leases = new BudgetLeases(ledger, log, { callsPerLease: 32, maxLeaseNanoUsd: 1e12 });
    const outcomes = await Promise.all(Array.from({ length: 200 }, () => leases.draw("key-1", 1_000)));
    expect(outcomes.filter((o) => o.ok)).toHaveLength(20);
    expect(outcomes.filter((o) => !o.ok).every((o) => !o.ok && o.reason.includes("total budget exceeded"))).toBe(true);
    expect(ledger.left()).toBe(0);
    // a handful of grants shared by 200 requests (a quarter of what is left each time), not 200 Reserves
    expect(ledger.grants.length).toBeLessThan(20);
    await leases.close();
  });

  it("frees what finished calls did not cost for later calls, and retires a lease that runs short, giving its unused part back", async () => {
    const ledger = fakeLedger(1_000_000);
    const leases = new BudgetLeases(ledger, log, { callsPerLease: 4, maxLeaseNanoUsd: 1e12 });
    const draws: LeaseDraw[] = [];
    for (let i = 0; i < 4; i += 1) {
      const o = await leases.draw("key-1", 1_000);
      if (o.ok) draws.push(o.draw);
    }
    expect(ledger.grants).toHaveLength(1);
    leases.finish(draws[0]!, 100);
    // 900 free again: a call of 900 fits the first lease, one of 1,000 does not
    const fitted = await leases.draw("key-1", 900);
    expect(fitted.ok).toBe(true);
    expect(ledger.grants).toHaveLength(1);
    expect((await leases.draw("key-1", 1_000)).ok).toBe(true);
    expect(ledger.grants).toHaveLength(2);
    expect(ledger.grants[1]).toMatchObject({ retire_lease_id: ledger.grants[0]!.lease_id, retire_unused_nanousd: 0 });
    // the retired lease's last calls end: what they did not cost goes back to the ledger
    leases.finish(draws[1]!, 300);
    leases.finish(draws[2]!, 300);
    leases.finish(draws[3]!);
    expect(ledger.returns).toEqual([]);
    if (fitted.ok) leases.finish(fitted.draw, 900);
    await new Promise((r) => setTimeout(r, 5));
    expect(ledger.returns).toEqual([[ledger.grants[0]!.lease_id, 1_400]]);
    await leases.close();
  });

  it("gives back an idle key's lease, and every lease on close", async () => {
    vi.useFakeTimers();
    const ledger = fakeLedger(1_000_000);
    const leases = new BudgetLeases(ledger, log, { callsPerLease: 10, maxLeaseNanoUsd: 1e12 }, () => Date.now());
    const granting = Promise.all([leases.draw("idle", 1_000), leases.draw("busy", 1_000)]);
    await vi.advanceTimersByTimeAsync(5);
    await granting;
    // the sweep runs every 5 s and gives back the leases of keys that drew nothing for 5 s
    for (let i = 0; i < 2; i += 1) {
      await vi.advanceTimersByTimeAsync(4_000);
      expect((await leases.draw("busy", 1_000)).ok).toBe(true);
    }
    await vi.advanceTimersByTimeAsync(2_100);
    const idleLease = ledger.grants.find((g) => g.key_id === "idle")!.lease_id!;
    expect(ledger.returns).toEqual([[idleLease, 9_000]]);
    await leases.close();
    const busyLease = ledger.grants.find((g) => g.key_id === "busy")!.lease_id!;
    expect(ledger.returns).toEqual([[idleLease, 9_000], [busyLease, 7_000]]);
    expect(ledger.grants).toHaveLength(2);
  });

  it("refuses every waiting call as large as the one the ledger refused, and fails them all when the ledger cannot be reached", async () => {
    const ledger = fakeLedger(500);
    const leases = new BudgetLeases(ledger, log, { callsPerLease: 10, maxLeaseNanoUsd: 1e12 });
    const outcomes = await Promise.all([leases.draw("k", 1_000), leases.draw("k", 1_000), leases.draw("k", 400)]);
    expect(outcomes.map((o) => o.ok)).toEqual([false, false, true]);
    expect(ledger.grants.map((g) => g.need_nanousd)).toEqual([1_000, 400]);

    const down = new BudgetLeases({ ...ledger, async grantBudgetLease() { throw new Error("ledger down"); } }, log, { callsPerLease: 10, maxLeaseNanoUsd: 1e12 });
    const failed = await Promise.allSettled([down.draw("k", 1), down.draw("k", 1)]);
    expect(failed.map((f) => f.status)).toEqual(["rejected", "rejected"]);
    await Promise.all([leases.close(), down.close()]);
  });
});
