import { describe, expect, it } from "vitest";
import { CancelledByClient, CancelRegistry } from "./cancels.js";

describe("cancel registry", () => {
  it("aborts a running call on its cancel, and a call that starts after its cancel at once", () => {
    let now = 1_000;
    const cancels = new CancelRegistry(5_000, () => now);
    const running = cancels.track("call_a");
    cancels.cancel("call_a", "client closed");
    expect(running.signal.reason).toBeInstanceOf(CancelledByClient);
    cancels.cancel("call_b", "before it started");
    expect(cancels.track("call_b").signal.aborted).toBe(true);
    now += 6_000;
    expect(cancels.track("call_b").signal.aborted).toBe(false);
  });

  it("on stop, aborts every running call with the stop's reason, and every call tracked after it", () => {
    const cancels = new CancelRegistry();
    const a = cancels.track("call_a");
    const b = cancels.track("call_b");
    const finished = cancels.track("call_c");
    finished.dispose();
    const reason = new Error("executor stopping");
    cancels.stop(reason);
    expect([a.signal.reason, b.signal.reason]).toEqual([reason, reason]);
    expect(finished.signal.aborted).toBe(false);
    expect(cancels.track("call_d").signal.reason).toBe(reason);
  });
});
