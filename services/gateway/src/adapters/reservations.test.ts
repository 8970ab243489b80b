import { describe, expect, it } from "vitest";
import { createLogger, unavailable, type ProviderCall, type ProviderResult__Output } from "../../../common/src/index.js";
import { dispatchReleasingUnsent } from "./reservations.js";

const log = createLogger("reservations-test", "silent");
const call = (id: string): ProviderCall => ({ call_id: id });
const ok = (id: string, cost = 0) => ({ call_id: id, status: "CALL_STATUS_OK", executor_id: "executor-1", cost_nanousd: cost }) as ProviderResult__Output;

describe("releasing reservations of calls that never reached the queue", () => {
  it("releases exactly the calls whose publication failed and keeps the others' holds", async () => {
    const released: string[] = [];
    const dispatcher = {
      async dispatch(calls: ProviderCall[]) {
        if (calls[0]!.call_id === "lost") throw unavailable("The executor queue is unavailable; the call was not sent.");
        return calls.map((c) => ok(c.call_id!));
      },
    };
    const ledger = { async release(id: string) { released.push(id); return {}; }, async shrinkReservation() { return {}; } };
    await expect(dispatchReleasingUnsent(dispatcher, ledger, log, [call("sent"), call("lost")], {}, true))
      .rejects.toMatchObject({ status: 503 });
    expect(released).toEqual(["lost"]);
    expect(await dispatchReleasingUnsent(dispatcher, ledger, log, [call("a"), call("b")], undefined, true)).toEqual([ok("a"), ok("b")]);
    expect(released).toEqual(["lost"]);
  });

  it("makes no ledger call for keys without a budget", async () => {
    const dispatcher = { async dispatch(): Promise<ProviderResult__Output[]> { throw unavailable("down"); } };
    const refuse = async (): Promise<object> => { throw new Error("must not be called"); };
    const ledger = { release: refuse, shrinkReservation: refuse };
    await expect(dispatchReleasingUnsent(dispatcher, ledger, log, [call("x")], {}, false)).rejects.toMatchObject({ status: 503 });
  });

  it("lowers a finished call's hold to its cost, keeps the whole hold of a call it stopped waiting for", async () => {
    const shrunk: Array<[string, number]> = [];
    const stopped = { call_id: "late", status: "CALL_STATUS_TIMEOUT", executor_id: "", cost_nanousd: 0 } as ProviderResult__Output;
    const dispatcher = { async dispatch(calls: ProviderCall[]) { return calls.map((c) => (c.call_id === "late" ? stopped : ok(c.call_id!, 1_234))); } };
    const ledger = {
      async release(): Promise<object> { throw new Error("must not be called"); },
      async shrinkReservation(id: string, amount: number) { shrunk.push([id, amount]); return {}; },
    };
    expect(await dispatchReleasingUnsent(dispatcher, ledger, log, [call("done"), call("late")], {}, true)).toEqual([ok("done", 1_234), stopped]);
    expect(shrunk).toEqual([["done", 1_234]]);
    // the ledger cannot be reached: the answer still goes out, the hold waits for the record
    const failing = { ...ledger, async shrinkReservation(): Promise<object> { throw new Error("ledger down"); } };
    expect(await dispatchReleasingUnsent(dispatcher, failing, log, [call("done")], {}, true)).toEqual([ok("done", 1_234)]);
  });
});
