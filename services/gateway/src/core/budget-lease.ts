// A budget lease as its gateway keeps the books: what the ledger granted, what the calls drawn
// from it may still cost (in flight: their worst case) or did cost (finished), and what went back
// unused. The ledger's hold for the lease is what was granted, less what went back, less what the
// calls' records have billed so far; these books keep the gateway from promising more than that.

export class LeaseBook {
  /** Worst cases of the calls in flight plus the costs of the finished ones. */
  private committed = 0;
  private returned = 0;
  private inFlight = 0;
  private retiredFlag = false;

  constructor(readonly leaseId: string, readonly granted: number, readonly grantedAtMs: number) {}

  /** What a new call may still draw; below zero when calls cost more than their worst case. */
  get available(): number {
    return this.granted - this.returned - this.committed;
  }

  get callsInFlight(): number {
    return this.inFlight;
  }

  get retired(): boolean {
    return this.retiredFlag;
  }

  /** Takes a call's worst case from the lease, if it fits and the lease is still in use. */
  draw(worstCase: number): boolean {
    if (this.retiredFlag || worstCase > this.available) return false;
    this.committed += worstCase;
    this.inFlight += 1;
    return true;
  }

  /** The call never reached the queue: its worst case is free again. */
  undraw(worstCase: number): void {
    this.committed -= worstCase;
    this.inFlight -= 1;
  }

  /**
   * The call ended. With its cost (an executor's result), the lease keeps that much of it; without
   * (the gateway stopped waiting, and the call may still run), it keeps the whole worst case.
   */
  finish(worstCase: number, cost?: number): void {
    if (cost !== undefined) this.committed += cost - worstCase;
    this.inFlight -= 1;
  }

  /** No call draws from the lease again; its unused part is marked returned, and that amount is answered. */
  retire(): number {
    this.retiredFlag = true;
    return this.takeUnused();
  }

  /** Marks what no call holds as returned and answers how much that was (what to send to the ledger). */
  takeUnused(): number {
    const unused = Math.max(0, this.available);
    this.returned += unused;
    return unused;
  }
}

/** How much to ask for: enough for `callsPerLease` calls like this one, within the cap (never below the call itself). */
export function leaseWant(worstCase: number, callsPerLease: number, maxLease: number): number {
  return Math.max(worstCase, Math.min(worstCase * callsPerLease, maxLease));
}
