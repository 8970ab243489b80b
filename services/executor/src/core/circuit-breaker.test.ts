import { describe, expect, it } from "vitest";
import { CircuitBreakers } from "./circuit-breaker.js";
import { ProviderLimits, Semaphore } from "./concurrency.js";
import { CancelledByClient, CancelRegistry } from "./cancels.js";

describe("circuit breaker", () => {
  it("opens after N consecutive failures, probes once after the cool-down, closes on the probe's success", () => {
    let now = 0;
    const breakers = new CircuitBreakers({ failureThreshold: 3, cooldownMs: 1000 }, () => now);
    for (let i = 0; i < 2; i++) breakers.failure("openai/gpt-5", false);
    expect(breakers.state("openai/gpt-5")).toBe("closed");
    breakers.failure("openai/gpt-5", false);
    expect(breakers.state("openai/gpt-5")).toBe("open");
    expect(breakers.admit("openai/gpt-5")).toEqual({ allowed: false, retryInMs: 1000 });
    expect(breakers.admit("openai/gpt-4o")).toEqual({ allowed: true, probe: false });
    now = 1000;
    expect(breakers.state("openai/gpt-5")).toBe("half-open");
    expect(breakers.admit("openai/gpt-5")).toEqual({ allowed: true, probe: true });
    expect(breakers.admit("openai/gpt-5")).toMatchObject({ allowed: false });
    breakers.success("openai/gpt-5");
    expect(breakers.state("openai/gpt-5")).toBe("closed");
  });

  it("re-opens when the probe fails, frees the probe when it ends without a verdict, resets on success", () => {
    let now = 0;
    const breakers = new CircuitBreakers({ failureThreshold: 2, cooldownMs: 100 }, () => now);
    breakers.failure("k", false);
    breakers.success("k");
    breakers.failure("k", false);
    expect(breakers.state("k")).toBe("closed");
    breakers.failure("k", false);
    now = 100;
    const probe = breakers.admit("k");
    expect(probe).toEqual({ allowed: true, probe: true });
    breakers.failure("k", true);
    expect(breakers.admit("k")).toEqual({ allowed: false, retryInMs: 100 });
    now = 200;
    expect(breakers.admit("k")).toMatchObject({ probe: true });
    breakers.release("k", true);
    expect(breakers.admit("k")).toMatchObject({ probe: true });
  });

  it("opens for a short first cool-down, doubling with each failed probe up to the longest", () => {
    let now = 0;
    const breakers = new CircuitBreakers({ failureThreshold: 1, cooldownMs: 1000, firstCooldownMs: 200 }, () => now);
    breakers.failure("k", false);
    expect(breakers.admit("k")).toEqual({ allowed: false, retryInMs: 200 });
    const cooldowns: number[] = [];
    for (let i = 0; i < 5; i++) {
      now += (breakers.admit("k") as { retryInMs: number }).retryInMs;
      expect(breakers.admit("k")).toEqual({ allowed: true, probe: true });
      breakers.failure("k", true);
      cooldowns.push((breakers.admit("k") as { retryInMs: number }).retryInMs);
    }
    expect(cooldowns).toEqual([400, 800, 1000, 1000, 1000]);
    // a success forgets it all: the next opening starts short again
    now += 1000;
    expect(breakers.admit("k")).toMatchObject({ probe: true });
    breakers.success("k");
    breakers.failure("k", false);
    expect(breakers.admit("k")).toEqual({ allowed: false, retryInMs: 200 });
  });

  it("is off with a threshold of 0", () => {
    const breakers = new CircuitBreakers({ failureThreshold: 0, cooldownMs: 100 });
    for (let i = 0; i < 10; i++) breakers.failure("k", false);
    expect(breakers.admit("k")).toEqual({ allowed: true, probe: false });
  });
});

describe("per-provider concurrency", () => {
  it("lets N attempts in at once, queues the rest in order and drops waiters whose call aborts", async () => {
    const limit = new Semaphore(2);
    const a = await limit.acquire(new AbortController().signal);
    await limit.acquire(new AbortController().signal);
    const order: string[] = [];
    const aborted = new AbortController();
    const third = limit.acquire(aborted.signal).then(() => order.push("third"), () => order.push("third aborted"));
    const fourth = limit.acquire(new AbortController().signal).then((release) => { order.push("fourth"); return release; });
    aborted.abort(new Error("gone"));
    await third;
    a();
    await fourth;
    expect(order).toEqual(["third aborted", "fourth"]);
    expect(limit.inUse).toBe(2);
  });

  it("limits only the providers it names", async () => {
    const limits = new ProviderLimits({ anthropic: 1 });
    await limits.acquire("anthropic", new AbortController().signal);
    expect(limits.inUse("anthropic")).toBe(1);
    const waiting = limits.acquire("anthropic", AbortSignal.timeout(20));
    await expect(waiting).rejects.toBeDefined();
    await limits.acquire("openai", new AbortController().signal);
    await limits.acquire("openai", new AbortController().signal);
  });
});

describe("cancel registry", () => {
  it("aborts the running call and remembers a cancel that came before its call", () => {
    const cancels = new CancelRegistry(1000);
    const running = cancels.track("call_1");
    cancels.cancel("call_1", "client went away");
    expect(running.signal.aborted).toBe(true);
    expect(running.signal.reason).toBeInstanceOf(CancelledByClient);
    running.dispose();
    cancels.cancel("call_2", "early");
    expect(cancels.track("call_2").signal.aborted).toBe(true);
    expect(cancels.track("call_3").signal.aborted).toBe(false);
  });
});
