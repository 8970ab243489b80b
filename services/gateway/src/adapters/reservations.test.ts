import { describe, expect, it } from "vitest";
import { createLogger, unavailable, type ProviderCall, type ProviderResult__Output } from "../../../common/src/index.js";
import { LeaseBook } from "../core/budget-lease.js";
import { BudgetLeases } from "./budget-leases.js";
import { dispatchSettlingHolds, leaseHold, reservationHold, takeHold, type CallHold } from "./reservations.js";

const log = createLogger("reservations-test", "silent");
const call = (id: string): ProviderCall => ({ call_id: id });
const ok = (id: string, cost = 0) => ({ call_id: id, status: "CALL_STATUS_OK", executor_id: "executor-1", cost_nanousd: cost }) as ProviderResult__Output;
const refuse = async (): Promise<object> => { throw new Error("must not be called"); };
const holdsOf = (ledger: Parameters<typeof reservationHold>[0], ...ids: string[]) =>
  new Map<string, CallHold>(ids.map((id) => [id, reservationHold(ledger, log, id)]));

describe("the holds of dispatched calls, reserved one by one", () => {
  it("releases exactly the calls whose publication failed and keeps the others' holds", async () => {
    const released: string[] = [];
    const dispatcher = {
      async dispatch(calls: ProviderCall[]) {
        if (calls[0]!.call_id === "lost") throw unavailable("The executor queue is unavailable; the call was not sent.");
        return calls.map((c) => ok(c.call_id!));
      },
    };
    const ledger = { async release(id: string) { released.push(id); return {}; }, async shrinkReservation() { return {}; } };
    await expect(dispatchSettlingHolds(dispatcher, holdsOf(ledger, "sent", "lost"), [call("sent"), call("lost")], {}))
      .rejects.toMatchObject({ status: 503 });
    expect(released).toEqual(["lost"]);
    expect(await dispatchSettlingHolds(dispatcher, holdsOf(ledger, "a", "b"), [call("a"), call("b")], undefined)).toEqual([ok("a"), ok("b")]);
    expect(released).toEqual(["lost"]);
  });

  it("makes no ledger call for calls without a hold", async () => {
    const dispatcher = { async dispatch(): Promise<ProviderResult__Output[]> { throw unavailable("down"); } };
    await expect(dispatchSettlingHolds(dispatcher, new Map(), [call("x")], {})).rejects.toMatchObject({ status: 503 });
  });

  it("lowers a finished call's hold to its cost, keeps the whole hold of a call it stopped waiting for", async () => {
    const shrunk: Array<[string, number]> = [];
    const stopped = { call_id: "late", status: "CALL_STATUS_TIMEOUT", executor_id: "", cost_nanousd: 0 } as ProviderResult__Output;
    const dispatcher = { async dispatch(calls: ProviderCall[]) { return calls.map((c) => (c.call_id === "late" ? stopped : ok(c.call_id!, 1_234))); } };
    const ledger = { release: refuse, async shrinkReservation(id: string, amount: number) { shrunk.push([id, amount]); return {}; } };
    expect(await dispatchSettlingHolds(dispatcher, holdsOf(ledger, "done", "late"), [call("done"), call("late")], {})).toEqual([ok("done", 1_234), stopped]);
    expect(shrunk).toEqual([["done", 1_234]]);
    // the ledger cannot be reached: the answer still goes out, the hold waits for the record
    const failing = { ...ledger, async shrinkReservation(): Promise<object> { throw new Error("ledger down"); } };
    expect(await dispatchSettlingHolds(dispatcher, holdsOf(failing, "done"), [call("done")], {})).toEqual([ok("done", 1_234)]);
  });
});

describe("the holds of dispatched calls, drawn from a budget lease", () => {
  it("gives back an unsent call's worst case, keeps a finished call's cost and a stopped call's worst case, with no ledger call", async () => {
    const leases = new BudgetLeases({ grantBudgetLease: refuse as never, returnBudgetLease: refuse as never }, log, { callsPerLease: 1, maxLeaseNanoUsd: 1 });
    const book = new LeaseBook("lease-1", 1_000, Date.now());
    const draw = (id: string) => { expect(book.draw(300)).toBe(true); return [id, leaseHold(leases, { book, worstCase: 300 })] as const; };
    const holds = new Map<string, CallHold>([draw("sent"), draw("lost"), draw("late")]);
    const stopped = { call_id: "late", status: "CALL_STATUS_TIMEOUT", executor_id: "", cost_nanousd: 0 } as ProviderResult__Output;
    const dispatcher = {
      async dispatch(calls: ProviderCall[]) {
        if (calls[0]!.call_id === "lost") throw unavailable("not sent");
        return calls.map((c) => (c.call_id === "late" ? stopped : ok(c.call_id!, 120)));
      },
    };
    await expect(dispatchSettlingHolds(dispatcher, holds, [call("sent"), call("lost"), call("late")], {})).rejects.toMatchObject({ status: 503 });
    await new Promise((r) => setTimeout(r, 10));
    expect(book.callsInFlight).toBe(0);
    expect(book.available).toBe(1_000 - 120 - 300);
    await leases.close();
  });
});

describe("taking a call's hold", () => {
  const ask = { reservationId: "call_1", keyId: "key_1", requestId: "req_1", modelId: "m", amountNanoUsd: 500 };

  it("reserves the call on its own when the gateway does not lease: refused with the ledger's reason, or a hold that shrinks by ledger call", async () => {
    const asked: unknown[] = [];
    const shrunk: Array<[string, number]> = [];
    let allow = false;
    const ledger = {
      async reserve(r: object) { asked.push(r); return { ok: allow, denied_reason: allow ? "" : "total budget exceeded", remaining_budget_nanousd: 0 }; },
      release: refuse,
      async shrinkReservation(id: string, amount: number) { shrunk.push([id, amount]); return {}; },
    };
    expect(await takeHold({ ledger, logger: log }, ask)).toEqual({ ok: false, reason: "total budget exceeded" });
    allow = true;
    const taken = await takeHold({ ledger, logger: log }, ask);
    expect(taken.ok && taken.budgetLeaseId).toBeUndefined();
    if (taken.ok) await taken.hold.finished(120);
    expect(asked).toEqual([
      { reservation_id: "call_1", key_id: "key_1", request_id: "req_1", model_id: "m", amount_nanousd: 500 },
      { reservation_id: "call_1", key_id: "key_1", request_id: "req_1", model_id: "m", amount_nanousd: 500 },
    ]);
    expect(shrunk).toEqual([["call_1", 120]]);
  });

  it("draws from the key's lease when the gateway leases, and names the lease", async () => {
    const ledger = { reserve: refuse as never, release: refuse, shrinkReservation: refuse };
    const budgetLeases = new BudgetLeases({
      async grantBudgetLease(r) { return { ok: true, granted_nanousd: Number(r.want_nanousd), denied_reason: "" }; },
      returnBudgetLease: refuse as never,
    }, log, { callsPerLease: 4, maxLeaseNanoUsd: 1e12 });
    const taken = await takeHold({ ledger, logger: log, budgetLeases }, ask);
    expect(taken.ok && taken.budgetLeaseId).toMatch(/^lease_/);
    await budgetLeases.close().catch(() => undefined);
  });
});
