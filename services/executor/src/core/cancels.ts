// Cancel requests for calls, from the bus's cancel subjects. A cancel for a call this process is
// running aborts it; a cancel that comes before the call does (it was still queued) is remembered
// for a while so the call is answered CANCELLED without reaching the provider. The executor's
// shutdown reaches running calls here too (stop), so that no call listens on the process's own
// shutdown signal: a listener added and removed per call on a signal that lives as long as the
// process is a linked list whose removed links keep pointing at later ones, and once one of them
// was in old space it kept every later call's objects alive through the young generation's
// collections (bench/README.md, session 8).

export class CancelledByClient extends Error {
  constructor(readonly reason: string) {
    super(`the caller cancelled the call${reason ? ` (${reason})` : ""}`);
    this.name = "CancelledByClient";
  }
}

export class CancelRegistry {
  private readonly running = new Map<string, Set<AbortController>>();
  private readonly early = new Map<string, { reason: string; until: number }>();
  private stoppedWith: { reason: unknown } | undefined;

  constructor(private readonly rememberMs = 120_000, private readonly now: () => number = Date.now) {}

  /**
   * Tracks a call while it runs; the signal aborts when a cancel for it arrives or the executor
   * stops, and `abort` aborts it for another reason (its deadline). The one AbortSignal of a call:
   * on Node 20 each AbortSignal costs a hidden class of its own in old space (it is an EventTarget
   * whose prototype is set after construction), and with it a trip of the call's objects through
   * old space (bench/README.md, session 8).
   */
  track(callId: string): { signal: AbortSignal; abort(reason: unknown): void; dispose(): void } {
    const controller = new AbortController();
    const early = this.early.get(callId);
    if (this.stoppedWith) controller.abort(this.stoppedWith.reason);
    else if (early && early.until > this.now()) controller.abort(new CancelledByClient(early.reason));
    const set = this.running.get(callId) ?? new Set();
    set.add(controller);
    this.running.set(callId, set);
    return {
      signal: controller.signal,
      abort: (reason) => controller.abort(reason),
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

  /** The executor stops: every running call is aborted with `reason`, and every call tracked later at once. */
  stop(reason: unknown): void {
    this.stoppedWith ??= { reason };
    for (const controllers of this.running.values()) for (const controller of controllers) controller.abort(reason);
  }

  isRunning(callId: string): boolean {
    return this.running.has(callId);
  }
}
