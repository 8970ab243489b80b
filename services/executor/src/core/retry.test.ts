import { describe, expect, it } from "vitest";
import { systemClock } from "./ports.js";
import { ProviderError } from "./provider.js";
import { callWithRetries, DEADLINE_PASSED, type RetryContext } from "./retry.js";

const hangUntilAborted = (signal: AbortSignal) => new Promise<never>((_resolve, reject) => {
  signal.addEventListener("abort", () => reject(new ProviderError("aborted", { code: "provider_aborted", retryable: false })), { once: true });
});

function context(signal: AbortSignal, shutdown: AbortSignal): RetryContext {
  return {
    attempt: hangUntilAborted, retryAllowed: () => true, onRetry: () => {}, circuitKey: "p/m", provider: "p",
    policy: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 }, clock: systemClock, random: () => 0.5,
    deadlineAt: Date.now() + 60_000, signal, shutdown,
  };
}

describe("what stops a call", () => {
  it("tells a deadline, a cancel and a shutdown apart by the call's one signal", async () => {
    const cases: Array<[string, (call: AbortController, shutdown: AbortController) => void]> = [
      ["timeout", (call) => call.abort(DEADLINE_PASSED)],
      ["cancelled", (call) => call.abort(new Error("the caller went away"))],
      // the registry aborts running calls on a shutdown; the shutdown wins over the reason
      ["interrupted", (call, shutdown) => { shutdown.abort(new Error("stopping")); call.abort(new Error("stopping")); }],
    ];
    for (const [kind, stop] of cases) {
      const call = new AbortController();
      const shutdown = new AbortController();
      const outcome = callWithRetries(context(call.signal, shutdown.signal));
      setTimeout(() => stop(call, shutdown), 5);
      expect((await outcome).kind, kind).toBe(kind);
    }
  });

  it("does not start an attempt for a call whose signal already aborted", async () => {
    const call = new AbortController();
    call.abort(DEADLINE_PASSED);
    let attempts = 0;
    const outcome = await callWithRetries({ ...context(call.signal, new AbortController().signal), attempt: async () => { attempts += 1; throw new Error("unreachable"); } });
    expect([outcome.kind, outcome.attempts, attempts]).toEqual(["timeout", 0, 0]);
  });
});
