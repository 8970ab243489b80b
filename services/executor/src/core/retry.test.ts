import { describe, expect, it } from "vitest";
import { anyOf } from "./retry.js";

describe("anyOf", () => {
  it("aborts with the reason of whichever signal aborts first, and only once", () => {
    const a = new AbortController();
    const b = new AbortController();
    const either = anyOf([a.signal, b.signal]);
    let events = 0;
    either.signal.addEventListener("abort", () => { events += 1; });
    expect(either.signal.aborted).toBe(false);
    b.abort("cancelled by the client");
    a.abort("shutdown");
    expect(either.signal.aborted).toBe(true);
    expect(either.signal.reason).toBe("cancelled by the client");
    expect(events).toBe(1);
  });

  it("is aborted from the start when a signal already was", () => {
    const a = new AbortController();
    a.abort("deadline");
    const either = anyOf([new AbortController().signal, a.signal]);
    expect([either.signal.aborted, either.signal.reason]).toEqual([true, "deadline"]);
  });

  it("after dispose, no longer follows the signals", () => {
    const a = new AbortController();
    const either = anyOf([a.signal]);
    either.dispose();
    a.abort("late");
    expect(either.signal.aborted).toBe(false);
  });
});
