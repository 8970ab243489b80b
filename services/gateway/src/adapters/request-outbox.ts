// Request records reach the ledger even when it is briefly down (a restart, a failover): each
// record is sent at once, together with the others that came in while a batch was on its way (one
// publish to the records stream per batch over NATS, one RecordRequests without it); a send that
// fails for a transient reason waits in memory and is retried with backoff until it lands. Records
// are idempotent on the request id, so a retry after a lost answer records nothing twice. Bounded:
// past maxPending the oldest waiting record is dropped (and logged), so a long outage cannot
// exhaust memory. Over NATS a published record waits in the stream, not here: only what could not
// be published (NATS itself unreachable) is lost if the gateway crashes; a clean stop flushes first.
import { Batcher, grpc, isServiceError, type Logger, type RequestRecord } from "../../../common/src/index.js";

const TRANSIENT = new Set([
  grpc.status.UNAVAILABLE, grpc.status.DEADLINE_EXCEEDED, grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.ABORTED, grpc.status.INTERNAL, grpc.status.UNKNOWN, grpc.status.CANCELLED,
]);

// only the ledger's own gRPC answer can refuse a record; a stream publish that fails is retried
const isTransient = (error: unknown) => !isServiceError(error) || TRANSIENT.has(error.code);

/** A RecordPublisher (the records stream) or a LedgerClient (gRPC). */
export interface RequestRecordSink {
  recordRequests(requests: RequestRecord[]): Promise<unknown>;
}

export interface OutboxOptions {
  maxPending: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Records sent at once by one retry round, and the most in one RecordRequests. */
  batch: number;
  /** How long a record waits for others to share its RecordRequests. */
  lingerMs: number;
}

const DEFAULTS: OutboxOptions = { maxPending: 50_000, baseDelayMs: 250, maxDelayMs: 5_000, batch: 128, lingerMs: 0 };

export class RequestRecordOutbox {
  private readonly pending: RequestRecord[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly options: OutboxOptions;
  private delayMs: number;
  private timer: NodeJS.Timeout | undefined;
  private dropped = 0;
  private readonly batcher: Batcher<RequestRecord>;

  constructor(ledger: RequestRecordSink, private readonly log: Logger, options: Partial<OutboxOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
    this.delayMs = this.options.baseDelayMs;
    this.batcher = new Batcher<RequestRecord>({
      maxBatch: this.options.batch, maxInFlight: 2, lingerMs: this.options.lingerMs,
      send: async (records) => { await ledger.recordRequests(records); },
      // one record the ledger refuses must not take the others of its batch down with it
      splitOnError: (error) => !isTransient(error),
    });
  }

  /** Records waiting for a retry. */
  get waiting(): number {
    return this.pending.length;
  }

  add(record: RequestRecord): void {
    this.track(this.send(record));
  }

  private track(p: Promise<void>): void {
    this.inFlight.add(p);
    void p.finally(() => this.inFlight.delete(p));
  }

  /** Settles when the record is in the ledger, refused for good, or parked for a retry. */
  private async send(record: RequestRecord): Promise<void> {
    try {
      await this.batcher.submit(record);
      this.delayMs = this.options.baseDelayMs;
    } catch (error) {
      if (!isTransient(error)) {
        this.log.error({ err: error, request_id: record.request_id }, "the ledger refused a request record; it is dropped");
        return;
      }
      this.park(record);
    }
  }

  private park(record: RequestRecord): void {
    if (this.pending.length >= this.options.maxPending) {
      const lost = this.pending.shift();
      this.dropped += 1;
      this.log.error({ request_id: lost?.request_id, dropped: this.dropped }, "request-record outbox full; the oldest record is dropped");
    }
    if (this.pending.length === 0) this.log.warn("ledger unreachable; request records wait in the outbox");
    this.pending.push(record);
    this.schedule();
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const round = this.pending.splice(0, this.options.batch);
      this.delayMs = Math.min(this.options.maxDelayMs, this.delayMs * 2);
      for (const record of round) this.track(this.send(record));
      if (this.pending.length > 0) this.schedule();
    }, this.delayMs);
    this.timer.unref();
  }

  /** Waits until nothing is pending or in flight, retrying meanwhile, for at most timeoutMs. */
  async close(timeoutMs = 5_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while ((this.pending.length > 0 || this.inFlight.size > 0) && Date.now() < deadline) {
      if (this.inFlight.size > 0) await Promise.race([Promise.allSettled([...this.inFlight]), sleep(deadline - Date.now())]);
      else await sleep(Math.min(50, Math.max(0, deadline - Date.now())));
    }
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length > 0) this.log.error({ lost: this.pending.length }, "stopping with request records the ledger never received");
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
