import { describe, expect, it } from "vitest";
import { LeaseBook, leaseWant } from "./budget-lease.js";

describe("a budget lease's books", () => {
  it("lets calls draw their worst case while it fits, and frees what a finished call did not cost", () => {
    const book = new LeaseBook("lease-1", 1000, 0);
    expect(book.draw(400)).toBe(true);
    expect(book.draw(400)).toBe(true);
    expect(book.draw(400)).toBe(false);
    book.finish(400, 100);
    expect(book.available).toBe(500);
    expect(book.draw(400)).toBe(true);
    expect(book.callsInFlight).toBe(2);
  });

  it("gives back the worst case of a call that was never sent, and keeps it for one the gateway stopped waiting for", () => {
    const book = new LeaseBook("lease-1", 1000, 0);
    book.draw(300);
    book.draw(300);
    book.undraw(300);
    book.finish(300);
    expect(book.available).toBe(700);
    expect(book.callsInFlight).toBe(0);
  });

  it("counts a call that cost more than its worst case, and never returns more than is unused", () => {
    const book = new LeaseBook("lease-1", 1000, 0);
    book.draw(600);
    book.finish(600, 1100);
    expect(book.available).toBe(-100);
    expect(book.draw(1)).toBe(false);
    expect(book.takeUnused()).toBe(0);
  });

  it("returns its unused part once on retirement, draws nothing afterwards, and returns what in-flight calls free later", () => {
    const book = new LeaseBook("lease-1", 1000, 0);
    book.draw(400);
    expect(book.retire()).toBe(600);
    expect(book.retire()).toBe(0);
    expect(book.draw(1)).toBe(false);
    book.finish(400, 150);
    expect(book.takeUnused()).toBe(250);
    expect(book.takeUnused()).toBe(0);
  });
});

describe("the size of a lease to ask for", () => {
  it("covers a number of calls like the one asking, within the cap, and never less than that call", () => {
    expect(leaseWant(100, 32, 1_000_000)).toBe(3200);
    expect(leaseWant(100, 32, 1000)).toBe(1000);
    expect(leaseWant(5000, 32, 1000)).toBe(5000);
  });
});
