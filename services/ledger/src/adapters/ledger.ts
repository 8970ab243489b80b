// The ledger's operations: validation and budget math from core/, storage through the repos.
// Request and answer shapes are the proto messages, so the gRPC layer only translates errors.
import { Batcher, type CallRecord__Output, type RequestRecord__Output } from "../../../common/src/index.js";
import type { AuthenticateResponse } from "../../../common/src/generated/xrouter/ledger/v1/AuthenticateResponse.js";
import type { CreateKeyRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/CreateKeyRequest.js";
import type { CreateKeyResponse } from "../../../common/src/generated/xrouter/ledger/v1/CreateKeyResponse.js";
import type { ReserveRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/ReserveRequest.js";
import type { ReserveResponse } from "../../../common/src/generated/xrouter/ledger/v1/ReserveResponse.js";
import type { GrantBudgetLeaseRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/GrantBudgetLeaseRequest.js";
import type { GrantBudgetLeaseResponse } from "../../../common/src/generated/xrouter/ledger/v1/GrantBudgetLeaseResponse.js";
import { budgetWindows, decideLease, decideReservations, remainingBudget, utcDay } from "../core/budget.js";
import { invalidArgument, notFound } from "../core/errors.js";
import { generateApiKey, hashApiKey, newKeyId } from "../core/keys.js";
import { requireAmount, requireId, validateCreateKey } from "../core/validation.js";
import type { Database, Queryable } from "./database.js";
import { findKeyByHash, insertKey, loadUsage, lockKey, toKeyInfo } from "./keys-repo.js";
import { insertCallRecords, insertRequestRecords } from "./record-repo.js";
import {
  addSpend, insertReservations, pruneReservations, returnLeasePart, shrinkReservation, takeReservation, type Reservation,
} from "./spend-repo.js";

export type Clock = () => number;

/** proto3 `optional`: leave the field out entirely when there is no value. */
const remainingField = (remaining: number | undefined) =>
  remaining === undefined ? {} : { remaining_budget_nanousd: remaining };

/**
 * Expired reservations count for nothing (budget math ignores them); deleting them is tidying, so
 * Reserve does it once a minute per key rather than on every call.
 */
class PruneSchedule {
  private readonly last = new Map<string, number>();
  due(keyId: string, nowMs: number): boolean {
    const last = this.last.get(keyId);
    if (last !== undefined && nowMs - last < 60_000 && nowMs >= last) return false;
    if (this.last.size > 100_000) this.last.clear();
    this.last.set(keyId, nowMs);
    return true;
  }
}

/** A validated Reserve, waiting for its key's next transaction. */
type Ask = Omit<Reservation, "tenantId" | "createdMs">;

export class Ledger {
  private readonly prunedAt = new PruneSchedule();
  /**
   * Reserves queue per key and leave together: while one transaction holds the key's row, those
   * that arrive meanwhile wait for the next and are decided in it, each against the holds before
   * it. One Reserve per transaction serialised a busy key on its row lock for four round trips
   * each: one key held 60 to 140 requests a second at 32 connections (bench/README.md, session 10).
   */
  private readonly reserveQueues = new Map<string, Batcher<Ask, ReserveResponse>>();

  constructor(private readonly db: Database, private readonly now: Clock = Date.now) {}

  async createKey(request: CreateKeyRequest__Output): Promise<CreateKeyResponse> {
    const spec = validateCreateKey(request);
    const { apiKey, keyHash, keyPrefix } = generateApiKey();
    const key = await this.db.transaction((tx) => insertKey(tx, spec, { keyId: newKeyId(), keyHash, keyPrefix }));
    return { key: toKeyInfo(key), api_key: apiKey };
  }

  async authenticate(apiKey: string): Promise<AuthenticateResponse> {
    if (!apiKey) return { ok: false };
    const key = await findKeyByHash(this.db, hashApiKey(apiKey));
    if (!key || key.revoked) return { ok: false };
    const usage = await loadUsage(this.db, key.keyId, budgetWindows(this.now()));
    return { ok: true, key: toKeyInfo(key), ...remainingField(remainingBudget(key.budgets, usage)) };
  }

  async reserve(request: ReserveRequest__Output): Promise<ReserveResponse> {
    const ask: Ask = {
      reservationId: requireId(request.reservation_id, "reservation_id"),
      keyId: requireId(request.key_id, "key_id"),
      amount: requireAmount(request.amount_nanousd, "amount_nanousd"),
      requestId: request.request_id ?? "", modelId: request.model_id ?? "",
    };
    let queue = this.reserveQueues.get(ask.keyId);
    if (!queue) {
      // a queue per key seen; the idle ones go once there are many
      if (this.reserveQueues.size >= 10_000) for (const [id, q] of this.reserveQueues) if (q.pending === 0) this.reserveQueues.delete(id);
      queue = new Batcher<Ask, ReserveResponse>({ maxBatch: 512, maxInFlight: 1, send: (asks) => this.reserveTogether(ask.keyId, asks) });
      this.reserveQueues.set(ask.keyId, queue);
    }
    return queue.submit(ask);
  }

  /** One transaction for a key's waiting Reserves: the key's row locked, its usage read, every hold inserted at once. */
  private reserveTogether(keyId: string, asks: readonly Ask[]): Promise<ReserveResponse[]> {
    const nowMs = this.now();
    const windows = budgetWindows(nowMs);
    return this.db.transaction(async (tx) => {
      const key = await this.lockForHolds(tx, keyId, nowMs);
      if (key.revoked) return asks.map(() => ({ ok: false, denied_reason: "key revoked" }));
      // the lock above is its own statement: a snapshot taken before waiting for it would miss
      // the reservations of the transaction it waited for
      const usage = await loadUsage(tx, keyId, windows, asks.map((a) => a.reservationId));
      const decided = decideReservations(key.budgets, usage,
        asks.map((a) => ({ reservationId: a.reservationId, amount: a.amount, known: usage.known.has(a.reservationId) })));
      await insertReservations(tx, asks.filter((_, i) => decided[i]!.hold).map((a) => ({ ...a, tenantId: key.tenantId, createdMs: nowMs })));
      return decided.map((d): ReserveResponse => (d.ok
        ? { ok: true, ...remainingField(d.remaining) }
        : { ok: false, denied_reason: d.reason, remaining_budget_nanousd: d.remaining }));
    });
  }

  /**
   * A budget lease is a reservation under the lease's id that the key's records draw down. It
   * takes the key's row lock like Reserve, so leases and Reserves of a key are decided in one order.
   */
  async grantBudgetLease(request: GrantBudgetLeaseRequest__Output): Promise<GrantBudgetLeaseResponse> {
    const leaseId = requireId(request.lease_id, "lease_id");
    const keyId = requireId(request.key_id, "key_id");
    const need = requireAmount(request.need_nanousd, "need_nanousd");
    const want = Math.max(need, requireAmount(request.want_nanousd, "want_nanousd"));
    const retireUnused = requireAmount(request.retire_unused_nanousd, "retire_unused_nanousd");
    const nowMs = this.now();
    const windows = budgetWindows(nowMs);
    return this.db.transaction(async (tx) => {
      const key = await this.lockForHolds(tx, keyId, nowMs);
      if (key.revoked) return { ok: false, granted_nanousd: 0, denied_reason: "key revoked" };
      if (request.retire_lease_id && retireUnused > 0) await returnLeasePart(tx, request.retire_lease_id, keyId, retireUnused);
      const usage = await loadUsage(tx, keyId, windows, [leaseId]);
      // a lease id is used once: a repeated grant would hold twice for one lease
      if (usage.known.has(leaseId)) throw invalidArgument(`lease_id '${leaseId}' was granted already`);
      const decision = decideLease(key.budgets, usage, want, need);
      if (!decision.ok) return { ok: false, granted_nanousd: 0, denied_reason: decision.reason, remaining_budget_nanousd: decision.remaining };
      await insertReservations(tx, [{
        reservationId: leaseId, keyId, tenantId: key.tenantId, requestId: "", modelId: "", amount: decision.granted, createdMs: nowMs,
      }]);
      return { ok: true, granted_nanousd: decision.granted, ...remainingField(decision.remaining) };
    });
  }

  /**
   * The key's row locked for a transaction that adds holds (Reserve, GrantBudgetLease); its
   * expired holds are tidied on the way, whichever of the two its gateways send.
   */
  private async lockForHolds(tx: Queryable, keyId: string, nowMs: number) {
    const key = await lockKey(tx, keyId);
    if (!key) throw notFound(`no key with key_id '${keyId}'`);
    if (!key.revoked && this.prunedAt.due(keyId, nowMs)) await pruneReservations(tx, keyId, budgetWindows(nowMs).retentionCutoffMs);
    return key;
  }

  async returnBudgetLease(leaseIdIn: string, unusedIn: number): Promise<void> {
    const leaseId = requireId(leaseIdIn, "lease_id");
    const unused = requireAmount(unusedIn, "unused_nanousd");
    if (unused > 0) await returnLeasePart(this.db, leaseId, undefined, unused);
  }

  async settle(reservationIdIn: string, amountIn: number): Promise<void> {
    const reservationId = requireId(reservationIdIn, "reservation_id");
    const amount = requireAmount(amountIn, "amount_nanousd");
    const day = utcDay(this.now());
    await this.db.transaction(async (tx) => {
      const reservation = await takeReservation(tx, reservationId);
      if (!reservation || amount === 0) return;
      await addSpend(tx, {
        tenantId: reservation.tenantId, keyId: reservation.keyId, day, modelId: reservation.modelId,
        calls: 0, inputTokens: 0, outputTokens: 0, cachedInputTokens: 0, cacheWriteTokens: 0, reasoningTokens: 0,
        cost: amount,
      });
    });
  }

  async shrink(reservationIdIn: string, amountIn: number): Promise<void> {
    const reservationId = requireId(reservationIdIn, "reservation_id");
    const amount = requireAmount(amountIn, "amount_nanousd");
    await shrinkReservation(this.db, reservationId, amount);
  }

  async release(reservationIdIn: string): Promise<void> {
    const reservationId = requireId(reservationIdIn, "reservation_id");
    await this.db.transaction((tx) => takeReservation(tx, reservationId));
  }

  /** A record's instant (now when it carries none) and the UTC day its spend counts for. */
  private stamp(createdUnixMs: number): { createdMs: number; day: string } {
    const createdMs = createdUnixMs > 0 ? createdUnixMs : this.now();
    return { createdMs, day: utcDay(createdMs) };
  }

  async recordCall(call: CallRecord__Output | null): Promise<boolean> {
    if (!call) throw invalidArgument("call is required");
    return (await this.recordCalls([call])) > 0;
  }

  /** Records the calls and settles their reservations in one statement; returns how many were new. */
  async recordCalls(calls: readonly CallRecord__Output[]): Promise<number> {
    const dated = calls.map((call, i) => {
      const field = calls.length === 1 ? "call" : `calls[${i}]`;
      const record = {
        ...call,
        call_id: requireId(call.call_id, `${field}.call_id`),
        tenant_id: requireId(call.tenant_id, `${field}.tenant_id`),
        key_id: requireId(call.key_id, `${field}.key_id`),
        cost_nanousd: requireAmount(call.cost_nanousd, `${field}.cost_nanousd`),
      };
      return { call: record, ...this.stamp(call.created_unix_ms) };
    });
    return insertCallRecords(this.db, dated);
  }

  async recordRequest(request: RequestRecord__Output | null): Promise<boolean> {
    if (!request) throw invalidArgument("request is required");
    return (await this.recordRequests([request])) > 0;
  }

  /** Records the requests and counts them per day in one statement; returns how many were new. */
  async recordRequests(requests: readonly RequestRecord__Output[]): Promise<number> {
    const dated = requests.map((request, i) => {
      const field = requests.length === 1 ? "request" : `requests[${i}]`;
      const record = {
        ...request,
        request_id: requireId(request.request_id, `${field}.request_id`),
        tenant_id: requireId(request.tenant_id, `${field}.tenant_id`),
      };
      return { request: record, ...this.stamp(request.created_unix_ms) };
    });
    return insertRequestRecords(this.db, dated);
  }
}
