import { describe, expect, it } from "vitest";
import { turnBatcher } from "./jetstream-helpers.js";

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe("turnBatcher", () => {
  it("sends the first publish of a turn at once and holds the later ones of that turn until its end, in order", async () => {
    const batcher = turnBatcher();
    const published: string[] = [];
    let heldAtLastCallback: string[] = [];
    // three callbacks of one turn, each followed by a microtask checkpoint (where the NATS client
    // writes what was published: without holding, one write each)
    await new Promise<void>((resolve) => {
      setImmediate(() => batcher.publish(() => published.push("a")));
      setImmediate(() => batcher.publish(() => published.push("b")));
      setImmediate(() => {
        batcher.publish(() => published.push("c"));
        heldAtLastCallback = [...published];
        resolve();
      });
    });
    expect(heldAtLastCallback).toEqual(["a"]);
    await nextTurn();
    expect(published).toEqual(["a", "b", "c"]);
  });

  it("sends at once again in a later turn", async () => {
    const batcher = turnBatcher();
    const published: string[] = [];
    batcher.publish(() => published.push("first turn"));
    await nextTurn();
    await nextTurn();
    batcher.publish(() => published.push("later turn"));
    expect(published).toEqual(["first turn", "later turn"]);
  });

  it("hands over the rest when one publish is refused", async () => {
    const batcher = turnBatcher();
    const published: string[] = [];
    batcher.publish(() => published.push("first"));
    batcher.publish(() => { throw new Error("connection closed"); });
    batcher.publish(() => published.push("last"));
    await nextTurn();
    expect(published).toEqual(["first", "last"]);
  });

  it("turn() resolves at once in a quiet turn and after what is held in a busy one", async () => {
    const batcher = turnBatcher();
    const order: string[] = [];
    await batcher.turn();
    batcher.publish(() => order.push("held"));
    await batcher.turn();
    expect(order).toEqual(["held"]);
  });

  it("flush() hands everything held over at once, and nothing twice", async () => {
    const batcher = turnBatcher();
    const order: string[] = [];
    batcher.publish(() => order.push("first"));
    batcher.publish(() => order.push("held"));
    expect(order).toEqual(["first"]);
    batcher.flush();
    expect(order).toEqual(["first", "held"]);
    await nextTurn();
    expect(order).toEqual(["first", "held"]);
  });
});
