import { describe, expect, it } from "vitest";
import { createLogger, grpc, type RequestRecord } from "../../../common/src/index.js";
import { RequestRecordOutbox } from "./request-outbox.js";

const log = createLogger("outbox-test", "silent");
const grpcError = (code: grpc.status) => Object.assign(new Error("x"), { code, details: "x", metadata: new grpc.Metadata() });

/** A ledger that is down until `up` is set, and counts what it stored (idempotently, like the real one). */
function flakyLedger() {
  const stored = new Map<string, number>();
  const state = { up: false, calls: 0, batches: [] as number[] };
  return {
    state, stored,
    /** Like the real ledger: a bad record refuses its whole batch, a duplicate counts once. */
    async recordRequests(records: RequestRecord[]) {
      state.calls += 1;
      if (records.some((r) => r.request_id === "bad")) throw grpcError(grpc.status.INVALID_ARGUMENT);
      if (!state.up) throw grpcError(grpc.status.UNAVAILABLE);
      state.batches.push(records.length);
      for (const record of records) stored.set(record.request_id!, (stored.get(record.request_id!) ?? 0) + 1);
      return { inserted: records.length };
    },
  };
}

const rec = (id: string): RequestRecord => ({ request_id: id, tenant_id: "t" });

describe("request-record outbox", () => {
  it("keeps records while the ledger is down and delivers each once it is back", async () => {
    const ledger = flakyLedger();
    const outbox = new RequestRecordOutbox(ledger, log, { baseDelayMs: 5, maxDelayMs: 20 });
    for (let i = 0; i < 100; i += 1) outbox.add(rec(`r${i}`));
    await new Promise((r) => setTimeout(r, 60));
    expect(outbox.waiting).toBeGreaterThan(0);
    expect(ledger.stored.size).toBe(0);
    ledger.state.up = true;
    await outbox.close(2_000);
    expect(outbox.waiting).toBe(0);
    expect(ledger.stored.size).toBe(100);
    expect([...ledger.stored.values()].every((n) => n === 1)).toBe(true);
  });

  it("drops a record the ledger refuses for good instead of retrying it forever, and only that one", async () => {
    const ledger = flakyLedger();
    ledger.state.up = true;
    const outbox = new RequestRecordOutbox(ledger, log, { baseDelayMs: 5 });
    outbox.add(rec("bad"));
    await outbox.close(500);
    expect(ledger.state.calls).toBe(1);
    expect(outbox.waiting).toBe(0);

    // in a batch with good records: the batch is split, the good ones land
    outbox.add(rec("first"));
    for (const id of ["a", "bad", "b"]) outbox.add(rec(id));
    await outbox.close(500);
    expect([...ledger.stored.keys()].sort()).toEqual(["a", "b", "first"]);
  });

  it("sends the records that arrive while a batch is on its way together", async () => {
    const ledger = flakyLedger();
    ledger.state.up = true;
    const outbox = new RequestRecordOutbox(ledger, log);
    for (let i = 0; i < 300; i += 1) outbox.add(rec(`r${i}`));
    await outbox.close(1_000);
    expect(ledger.stored.size).toBe(300);
    expect(ledger.state.batches.length).toBeLessThan(10);
    expect(Math.max(...ledger.state.batches)).toBe(128);
  });

  it("stays bounded, dropping the oldest record past its limit", async () => {
    const ledger = flakyLedger();
    const outbox = new RequestRecordOutbox(ledger, log, { baseDelayMs: 10_000, maxPending: 3 });
    for (let i = 0; i < 5; i += 1) outbox.add(rec(`r${i}`));
    await new Promise((r) => setTimeout(r, 20));
    expect(outbox.waiting).toBe(3);
    await outbox.close(10);
  });
});
