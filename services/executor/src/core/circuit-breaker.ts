// One circuit per provider+model, per executor process. After `failureThreshold` consecutive
// retryable failures the circuit opens and calls fail fast (the gateway's next Decide then picks
// another model); after a cool-down exactly one call goes through as a probe: its success closes
// the circuit, its failure opens it again for twice as long, up to `cooldownMs`. The first
// cool-down is short, so a blip of errors costs seconds of a provider rather than the full
// cool-down (in the chaos run, 3 s of 500s kept every circuit open for 30 s).

export interface BreakerSettings {
  /** Consecutive failures that open a circuit; 0 turns circuits off. */
  failureThreshold: number;
  /** The longest cool-down. */
  cooldownMs: number;
  /** The cool-down after the circuit first opens; doubled by each failed probe. Default: cooldownMs. */
  firstCooldownMs?: number;
}

export type CircuitState = "closed" | "open" | "half-open";

export type Admission = { allowed: true; probe: boolean } | { allowed: false; retryInMs: number };

interface Circuit {
  failures: number;
  openedAt?: number;
  /** The cool-down of the current opening. */
  cooldownMs: number;
  probing: boolean;
}

export class CircuitBreakers {
  private readonly circuits = new Map<string, Circuit>();

  constructor(private readonly settings: BreakerSettings, private readonly now: () => number = Date.now) {}

  private get enabled(): boolean {
    return this.settings.failureThreshold > 0;
  }

  state(key: string): CircuitState {
    const c = this.circuits.get(key);
    if (c?.openedAt === undefined) return "closed";
    return this.now() - c.openedAt >= c.cooldownMs ? "half-open" : "open";
  }

  /** Asks to send one attempt; a probe must be answered with success, failure or release. */
  admit(key: string): Admission {
    const c = this.circuits.get(key);
    if (!this.enabled || c?.openedAt === undefined) return { allowed: true, probe: false };
    const waited = this.now() - c.openedAt;
    if (waited < c.cooldownMs) return { allowed: false, retryInMs: c.cooldownMs - waited };
    if (c.probing) return { allowed: false, retryInMs: 0 };
    c.probing = true;
    return { allowed: true, probe: true };
  }

  /** Whether the next attempt would be refused; used to stop retrying into an open circuit. */
  isOpen(key: string): boolean {
    return this.enabled && this.state(key) === "open";
  }

  success(key: string): void {
    this.circuits.delete(key);
  }

  failure(key: string, probe: boolean): void {
    if (!this.enabled) return;
    const first = Math.min(this.settings.firstCooldownMs ?? this.settings.cooldownMs, this.settings.cooldownMs);
    const c = this.circuits.get(key) ?? { failures: 0, probing: false, cooldownMs: first };
    this.circuits.set(key, c);
    if (probe) {
      c.openedAt = this.now();
      c.cooldownMs = Math.min(c.cooldownMs * 2, this.settings.cooldownMs);
      c.probing = false;
      return;
    }
    // a call that started before the circuit opened says nothing new about the provider
    if (c.openedAt !== undefined) return;
    c.failures += 1;
    if (c.failures >= this.settings.failureThreshold) c.openedAt = this.now();
  }

  /** The attempt ended without a verdict on the provider (cancelled, or refused as a bad request). */
  release(key: string, probe: boolean): void {
    const c = this.circuits.get(key);
    if (probe && c) c.probing = false;
  }
}
