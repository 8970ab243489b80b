import { describe, expect, it } from "vitest";
import type { LedgerClient } from "../../../common/src/index.js";
import { KeyAuthenticator } from "./auth.js";

/** A ledger that knows one key and counts its Authenticate calls; each answer takes a few ms. */
function countingLedger() {
  const state = { calls: 0, down: false };
  const ledger = {
    async authenticate(apiKey: string) {
      state.calls += 1;
      await new Promise((r) => setTimeout(r, 5));
      if (state.down) throw Object.assign(new Error("down"), { code: 14, details: "down" });
      if (apiKey !== "xr-good") return { ok: false, key: null };
      return { ok: true, key: { key_id: "k1", tenant_id: "t1", allowed_models: [], rpm_limit: 0, tpm_limit: 0 } };
    },
  };
  return { state, ledger: ledger as unknown as LedgerClient };
}

describe("KeyAuthenticator", () => {
  it("answers concurrent requests with one key from one ledger lookup, then from the cache", async () => {
    const { state, ledger } = countingLedger();
    const auth = new KeyAuthenticator(ledger, 60_000);
    const answers = await Promise.all(Array.from({ length: 32 }, () => auth.authenticate("Bearer xr-good")));
    expect(answers.every((a) => a.keyId === "k1")).toBe(true);
    expect(state.calls).toBe(1);
    await auth.authenticate("Bearer xr-good");
    expect(state.calls).toBe(1);
  });

  it("shares a failed lookup with the requests that waited for it, and caches nothing from it", async () => {
    const { state, ledger } = countingLedger();
    const auth = new KeyAuthenticator(ledger, 60_000);
    state.down = true;
    const failed = await Promise.allSettled(Array.from({ length: 5 }, () => auth.authenticate("Bearer xr-good")));
    expect(failed.every((r) => r.status === "rejected")).toBe(true);
    expect(state.calls).toBe(1);
    state.down = false;
    expect((await auth.authenticate("Bearer xr-good")).keyId).toBe("k1");
    expect(state.calls).toBe(2);
    await expect(auth.authenticate("Bearer xr-bad")).rejects.toMatchObject({ status: 401 });
  });
});
