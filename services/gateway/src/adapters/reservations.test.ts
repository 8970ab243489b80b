import { describe, expect, it } from "vitest";
import { createLogger, unavailable, type ProviderCall, type ProviderResult__Output } from "../../../common/src/index.js";
import { dispatchReleasingUnsent } from "./reservations.js";

const log = createLogger("reservations-test", "silent");
const call = (id: string): ProviderCall => ({ call_id: id });
const ok = (id: string) => ({ call_id: id, status: "CALL_STATUS_OK" }) as ProviderResult__Output;

describe("releasing reservations of calls that never reached the queue", () => {
  it("releases exactly the calls whose publication failed and keeps the others' holds", async () => {
    const released: string[] = [];
    const dispatcher = {
      async dispatch(calls: ProviderCall[]) {
        if (calls[0]!.call_id === "lost") throw unavailable("The executor queue is unavailable; the call was not sent.");
        return calls.map((c) => ok(c.call_id!));
      },
    };
    const ledger = { async release(id: string) { released.push(id); return {}; } };
    await expect(dispatchReleasingUnsent(dispatcher, ledger, log, [call("sent"), call("lost")], {}, true))
      .rejects.toMatchObject({ status: 503 });
    expect(released).toEqual(["lost"]);
    expect(await dispatchReleasingUnsent(dispatcher, ledger, log, [call("a"), call("b")], undefined, true)).toEqual([ok("a"), ok("b")]);
    expect(released).toEqual(["lost"]);
  });

  it("makes no ledger call for keys without a budget", async () => {
    const dispatcher = { async dispatch(): Promise<ProviderResult__Output[]> { throw unavailable("down"); } };
    const ledger = { async release(): Promise<object> { throw new Error("must not be called"); } };
    await expect(dispatchReleasingUnsent(dispatcher, ledger, log, [call("x")], {}, false)).rejects.toMatchObject({ status: 503 });
  });
});
