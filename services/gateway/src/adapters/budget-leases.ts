// Budget leases: the gateway takes a slice of a budgeted key's budget from the ledger in one
// round trip (GrantBudgetLease) and draws its calls' worst cases from it in memory, instead of
// one Reserve before each call and one ShrinkReservation after it. Those two round trips were a
// budgeted request's whole extra cost: +17 ms at the median at 50 req/s, and the key's row lock
// held the key to ~310 req/s (bench/README.md, session 10).
//
// The budget stays hard: a lease is a hold in the ledger like any reservation, the ledger grants
// it only from what the key has left, and the gateway never draws more than was granted. The
// calls' records name their lease, and the ledger lowers its hold as they turn into spend. What
// the leases cost is precision near a budget's end when several gateways serve one key: one may
// hold a slice another could have used. So a lease is at most a quarter of what is left (the
// ledger's rule), it is retired when it runs short, after LEASE_MAX_AGE_MS, or when its key has
// been idle for LEASE_IDLE_MS, and retiring gives its unused part back at once.
import { metrics, nanoToUsd, newLeaseId, type LedgerClient, type Logger } from "../../../common/src/index.js";
import { LeaseBook, leaseWant } from "../core/budget-lease.js";

/** Well within the ledger's 15-minute reservation lifetime, which must outlast the lease's calls. */
const LEASE_MAX_AGE_MS = 30_000;
const LEASE_IDLE_MS = 5_000;

export interface BudgetLeaseOptions {
  /** A lease covers this many calls like the one that asks for it. */
  callsPerLease: number;
  maxLeaseNanoUsd: number;
}

/** A call's worst case, drawn from a lease. */
export interface LeaseDraw {
  readonly book: LeaseBook;
  readonly worstCase: number;
}

type Rotation = { ok: true } | { ok: false; need: number; reason: string };

interface KeyLeases {
  current?: LeaseBook;
  /** The grant being asked for; the key's other requests wait for it instead of asking too. */
  rotation?: Promise<Rotation>;
  lastDrawMs: number;
}

export class BudgetLeases {
  private readonly keys = new Map<string, KeyLeases>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly ledger: Pick<LedgerClient, "grantBudgetLease" | "returnBudgetLease">,
    private readonly logger: Logger,
    private readonly options: BudgetLeaseOptions,
    private readonly now: () => number = Date.now,
  ) {
    this.sweep = setInterval(() => this.retireIdle(), LEASE_IDLE_MS);
    this.sweep.unref();
  }

  /** Takes a call's worst case from the key's lease, asking the ledger for a new lease when it runs short. */
  async draw(keyId: string, worstCase: number): Promise<{ ok: true; draw: LeaseDraw } | { ok: false; reason: string }> {
    for (;;) {
      const key = this.keyLeases(keyId);
      key.lastDrawMs = this.now();
      const book = key.current;
      if (book && key.lastDrawMs - book.grantedAtMs < LEASE_MAX_AGE_MS && book.draw(worstCase)) {
        return { ok: true, draw: { book, worstCase } };
      }
      const rotation = key.rotation ?? this.rotate(keyId, key, worstCase);
      const outcome = await rotation;
      // a grant refused for a call no larger than this one refuses this one too
      if (!outcome.ok && worstCase >= outcome.need) return { ok: false, reason: outcome.reason };
    }
  }

  /** The call never reached the queue. */
  undraw(draw: LeaseDraw): void {
    draw.book.undraw(draw.worstCase);
    this.returnIfDone(draw.book);
  }

  /** The call ended: with its cost when an executor answered, without when the gateway stopped waiting. */
  finish(draw: LeaseDraw, cost?: number): void {
    draw.book.finish(draw.worstCase, cost);
    this.returnIfDone(draw.book);
  }

  /** Gives every lease's unused part back (on shutdown). */
  async close(): Promise<void> {
    clearInterval(this.sweep);
    const returns: Array<Promise<void>> = [];
    for (const [keyId, key] of this.keys) {
      if (key.current) returns.push(this.giveBack(key.current.leaseId, key.current.retire()));
      this.keys.delete(keyId);
    }
    await Promise.all(returns);
  }

  private keyLeases(keyId: string): KeyLeases {
    let key = this.keys.get(keyId);
    if (!key) {
      key = { lastDrawMs: this.now() };
      this.keys.set(keyId, key);
    }
    return key;
  }

  /** Retires the key's lease and asks for the next in one round trip: the old lease's unused part goes back first. */
  private rotate(keyId: string, key: KeyLeases, need: number): Promise<Rotation> {
    const old = key.current;
    key.current = undefined;
    const unused = old ? old.retire() : 0;
    const leaseId = newLeaseId();
    const rotation = (async (): Promise<Rotation> => {
      try {
        const granted = await this.ledger.grantBudgetLease({
          lease_id: leaseId, key_id: keyId, need_nanousd: need,
          want_nanousd: leaseWant(need, this.options.callsPerLease, this.options.maxLeaseNanoUsd),
          retire_lease_id: old?.leaseId ?? "", retire_unused_nanousd: unused,
        });
        metrics.budgetLeases.inc({ outcome: granted.ok ? "granted" : "refused" });
        if (unused > 0) metrics.budgetLeaseReturnedUsd.inc(nanoToUsd(unused));
        if (!granted.ok) return { ok: false, need, reason: granted.denied_reason || "budget exceeded" };
        key.current = new LeaseBook(leaseId, granted.granted_nanousd, this.now());
        return { ok: true };
      } finally {
        key.rotation = undefined;
      }
    })();
    key.rotation = rotation;
    return rotation;
  }

  /** A retired lease whose last call ended gives back what that call did not cost. */
  private returnIfDone(book: LeaseBook): void {
    if (!book.retired || book.callsInFlight > 0) return;
    void this.giveBack(book.leaseId, book.takeUnused());
  }

  private retireIdle(): void {
    const now = this.now();
    for (const [keyId, key] of this.keys) {
      if (key.rotation || now - key.lastDrawMs < LEASE_IDLE_MS) continue;
      if (key.current) void this.giveBack(key.current.leaseId, key.current.retire());
      this.keys.delete(keyId);
    }
  }

  private async giveBack(leaseId: string, unused: number): Promise<void> {
    if (unused <= 0) return;
    // never retried: a return is not idempotent, and one that is lost only holds budget until the lease expires
    try {
      await this.ledger.returnBudgetLease(leaseId, unused);
      metrics.budgetLeaseReturnedUsd.inc(nanoToUsd(unused));
    } catch (error) {
      this.logger.warn({ err: error, lease_id: leaseId, unused_nanousd: unused },
        "could not give back a budget lease's unused part; it expires on its own");
    }
  }
}
