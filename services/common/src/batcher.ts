// Group commit: items submitted while a batch is on its way wait and leave together in the next
// one, so under load the batches grow by themselves and the receiver does one round trip per
// batch instead of one per item. Where no one waits on the item's latency (bookkeeping written
// after the answer went out), a linger holds a batch open a few milliseconds more, so that even
// at moderate load the receiver sees batches rather than single items. A batch may answer each
// item (`R`): the ledger's Reserves of one key are decided together, each with its own verdict.

export interface BatcherOptions<T, R = void> {
  /** Sends one batch; resolves when the receiver has all of it, with each item's answer in order when there are answers. */
  send(items: T[]): Promise<readonly R[] | void>;
  /** The most items in one batch. */
  maxBatch: number;
  /** Batches on their way at the same time. */
  maxInFlight: number;
  /** How long the first item of a batch waits for company (0: it leaves at once). */
  lingerMs?: number;
  /**
   * A batch failed for a reason that is not the whole batch's (one bad item): each item is sent
   * alone, so only the bad one fails. Default: every item of the batch fails with the error.
   */
  splitOnError?: (error: unknown) => boolean;
}

interface Waiting<T, R> { item: T; resolve(answer: R): void; reject(error: unknown): void }

export class Batcher<T, R = void> {
  private queue: Waiting<T, R>[] = [];
  private inFlight = 0;
  private itemsOnTheWay = 0;
  private lingering: NodeJS.Timeout | undefined;

  constructor(private readonly options: BatcherOptions<T, R>) {}

  /** Resolves when the item's batch arrived (with its answer); rejects with the batch's error. */
  submit(item: T): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.pump();
    });
  }

  /** Items waiting for a batch or on their way. */
  get pending(): number {
    return this.queue.length + this.itemsOnTheWay;
  }

  private pump(): void {
    const linger = this.options.lingerMs ?? 0;
    if (linger > 0 && this.queue.length > 0 && this.queue.length < this.options.maxBatch) {
      this.lingering ??= setTimeout(() => { this.lingering = undefined; this.send(); }, linger);
      return;
    }
    clearTimeout(this.lingering);
    this.lingering = undefined;
    this.send();
  }

  private send(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlight) {
      const batch = this.queue.splice(0, this.options.maxBatch);
      this.inFlight += 1;
      this.itemsOnTheWay += batch.length;
      void this.flush(batch).finally(() => {
        this.inFlight -= 1;
        this.itemsOnTheWay -= batch.length;
        // what queued meanwhile already waited for this batch: it leaves now, without lingering
        this.send();
      });
    }
  }

  private async flush(batch: Waiting<T, R>[]): Promise<void> {
    try {
      const answers = await this.options.send(batch.map((w) => w.item));
      batch.forEach((w, i) => w.resolve(answers?.[i] as R));
    } catch (error) {
      if (batch.length > 1 && this.options.splitOnError?.(error)) {
        await Promise.all(batch.map((w) => this.options.send([w.item]).then((answers) => w.resolve(answers?.[0] as R), w.reject)));
        return;
      }
      for (const w of batch) w.reject(error);
    }
  }
}
