import { describe, expect, it } from "vitest";
import { Batcher } from "./batcher.js";

const deferred = () => {
  let resolve!: () => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<void>((res, rej) => { resolve = res; reject = rej; });
  return { promise, resolve, reject };
};

describe("Batcher", () => {
  it("answers each item with its own answer from its batch, alone again after a split", async () => {
    const sent: number[][] = [];
    const batcher = new Batcher<number, string>({
      maxBatch: 10, maxInFlight: 1, splitOnError: () => true,
      send: async (items) => {
        sent.push(items);
        if (items.length > 1 && items.includes(13)) throw new Error("one bad item");
        if (items[0] === 13) throw new Error("13 refused");
        return items.map((n) => `answer ${n}`);
      },
    });
    const first = batcher.submit(1);
    const rest = [2, 13, 4].map((n) => batcher.submit(n).catch((e: Error) => e.message));
    expect(await first).toBe("answer 1");
    expect(await Promise.all(rest)).toEqual(["answer 2", "13 refused", "answer 4"]);
    expect(sent).toEqual([[1], [2, 13, 4], [2], [13], [4]]);
  });

  it("sends the first item at once and groups what arrives while a batch is on its way", async () => {
    const sent: number[][] = [];
    const gates: ReturnType<typeof deferred>[] = [];
    const batcher = new Batcher<number>({
      maxBatch: 3, maxInFlight: 1,
      send: (items) => { sent.push(items); const g = deferred(); gates.push(g); return g.promise; },
    });
    const done = [1, 2, 3, 4, 5].map((n) => batcher.submit(n));
    expect(sent).toEqual([[1]]);
    expect(batcher.pending).toBe(5);
    gates[0]!.resolve();
    await done[0];
    await Promise.resolve();
    expect(sent).toEqual([[1], [2, 3, 4]]);
    gates[1]!.resolve();
    await Promise.all(done.slice(1, 4));
    await Promise.resolve();
    expect(sent).toEqual([[1], [2, 3, 4], [5]]);
    gates[2]!.resolve();
    await done[4];
    await new Promise((r) => setTimeout(r, 0));
    expect(batcher.pending).toBe(0);
  });

  it("fails every item of a failed batch, or each bad item alone when told to split", async () => {
    const whole = new Batcher<number>({ maxBatch: 10, maxInFlight: 1, send: async () => { throw new Error("down"); } });
    await expect(whole.submit(1)).rejects.toThrow("down");

    const sent: number[][] = [];
    const gate = deferred();
    const split = new Batcher<number>({
      maxBatch: 10, maxInFlight: 1, splitOnError: (e) => (e as Error).message === "bad item",
      send: async (items) => {
        sent.push(items);
        if (items[0] === 0) return gate.promise;
        if (items.includes(13)) throw new Error("bad item");
      },
    });
    const first = split.submit(0);
    const results = Promise.allSettled([12, 13, 14].map((n) => split.submit(n)));
    gate.resolve();
    await first;
    expect((await results).map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(sent).toEqual([[0], [12, 13, 14], [12], [13], [14]]);
  });

  it("keeps several batches in flight up to the limit", async () => {
    let concurrent = 0;
    let peak = 0;
    const batcher = new Batcher<number>({
      maxBatch: 2, maxInFlight: 3,
      send: async () => { concurrent += 1; peak = Math.max(peak, concurrent); await new Promise((r) => setTimeout(r, 5)); concurrent -= 1; },
    });
    await Promise.all(Array.from({ length: 20 }, (_, i) => batcher.submit(i)));
    expect(peak).toBe(3);
  });

  it("holds a batch open for the linger, unless it is full", async () => {
    const sent: Array<{ items: number[]; at: number }> = [];
    const started = Date.now();
    const batcher = new Batcher<number>({
      maxBatch: 4, maxInFlight: 1, lingerMs: 40, send: async (items) => { sent.push({ items, at: Date.now() - started }); },
    });
    await Promise.all([1, 2, 3].map((n) => batcher.submit(n)));
    expect(sent.map((s) => s.items)).toEqual([[1, 2, 3]]);
    expect(sent[0]!.at).toBeGreaterThanOrEqual(35);
    const full = [5, 6, 7, 8].map((n) => batcher.submit(n));
    await Promise.resolve();
    expect(sent.map((s) => s.items)).toEqual([[1, 2, 3], [5, 6, 7, 8]]);
    await Promise.all(full);
  });
});
