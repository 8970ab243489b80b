// At most N attempts in flight per provider in one executor process (a provider's own rate or
// connection limits); waiters queue in arrival order and leave the queue when their call aborts.

export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(readonly limit: number) {}

  get inUse(): number {
    return this.active;
  }

  /** Resolves with the release function once a slot is free; rejects with the signal's reason. */
  acquire(signal: AbortSignal): Promise<() => void> {
    if (signal.aborted) return Promise.reject(signal.reason);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.active -= 1;
      this.waiters.shift()?.();
    };
    if (this.active < this.limit) {
      this.active += 1;
      return Promise.resolve(release);
    }
    return new Promise((resolve, reject) => {
      const grant = () => {
        signal.removeEventListener("abort", onAbort);
        this.active += 1;
        resolve(release);
      };
      const onAbort = () => {
        const at = this.waiters.indexOf(grant);
        if (at >= 0) this.waiters.splice(at, 1);
        reject(signal.reason);
      };
      this.waiters.push(grant);
      signal.addEventListener("abort", onAbort, { once: true });
    });
  }
}

export class ProviderLimits {
  private readonly semaphores = new Map<string, Semaphore>();

  /** `limits`: most attempts in flight per provider name; providers not named are unlimited. */
  constructor(limits: Record<string, number>) {
    for (const [provider, limit] of Object.entries(limits)) this.semaphores.set(provider, new Semaphore(limit));
  }

  acquire(provider: string, signal: AbortSignal): Promise<() => void> {
    return this.semaphores.get(provider)?.acquire(signal) ?? Promise.resolve(() => {});
  }

  inUse(provider: string): number {
    return this.semaphores.get(provider)?.inUse ?? 0;
  }
}
