// Cancel requests for calls, from the bus's cancel subjects. A cancel for a call this process is
// running aborts it; a cancel that comes before the call does (it was still queued) is remembered
// for a while so the call is answered CANCELLED without reaching the provider.

export class CancelledByClient extends Error {
  constructor(readonly reason: string) {
    super(`the caller cancelled the call${reason ? ` (${reason})` : ""}`);
    this.name = "CancelledByClient";
  }
}

export class CancelRegistry {
  private readonly running = new Map<string, Set<AbortController>>();
  private readonly early = new Map<string, { reason: string; until: number }>();

  constructor(private readonly rememberMs = 120_000, private readonly now: () => number = Date.now) {}

  /** Tracks a call while it runs; the signal aborts when a cancel for it arrives. */
  track(callId: string): { signal: AbortSignal; dispose(): void } {
    const controller = new AbortController();
    const early = this.early.get(callId);
    if (early && early.until > this.now()) controller.abort(new CancelledByClient(early.reason));
    const set = this.running.get(callId) ?? new Set();
    set.add(controller);
    this.running.set(callId, set);
    return {
      signal: controller.signal,
      dispose: () => {
        set.delete(controller);
        if (set.size === 0) this.running.delete(callId);
      },
    };
  }

  cancel(callId: string, reason = ""): void {
    const now = this.now();
    for (const [id, entry] of this.early) if (entry.until <= now) this.early.delete(id);
    this.early.set(callId, { reason, until: now + this.rememberMs });
    for (const controller of this.running.get(callId) ?? []) controller.abort(new CancelledByClient(reason));
  }

  isRunning(callId: string): boolean {
    return this.running.has(callId);
  }
}
