// The ledger's operations: validation and budget math from core/, storage through the repos.
// Request and answer shapes are the proto messages, so the gRPC layer only translates errors.
import type { CallRecord__Output, RequestRecord__Output } from "../../../common/src/index.js";
import type { AuthenticateResponse } from "../../../common/src/generated/xrouter/ledger/v1/AuthenticateResponse.js";
import type { CreateKeyRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/CreateKeyRequest.js";
import type { CreateKeyResponse } from "../../../common/src/generated/xrouter/ledger/v1/CreateKeyResponse.js";
import type { ReserveRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/ReserveRequest.js";
import type { ReserveResponse } from "../../../common/src/generated/xrouter/ledger/v1/ReserveResponse.js";
import { budgetWindows, decideReservation, remainingBudget, utcDay } from "../core/budget.js";
import { invalidArgument, notFound } from "../core/errors.js";
import { generateApiKey, hashApiKey, newKeyId } from "../core/keys.js";
import { requireAmount, requireId, validateCreateKey } from "../core/validation.js";
import type { Database } from "./database.js";
import { findKeyByHash, insertKey, loadUsage, lockKey, toKeyInfo } from "./keys-repo.js";
import {
  addSpend, insertCallRecord, insertRequestRecord, insertReservation, pruneReservations, reservationSeen, takeReservation,
} from "./spend-repo.js";

export type Clock = () => number;

/** proto3 `optional`: leave the field out entirely when there is no value. */
const remainingField = (remaining: number | undefined) =>
  remaining === undefined ? {} : { remaining_budget_nanousd: remaining };

export class Ledger {
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
    const reservationId = requireId(request.reservation_id, "reservation_id");
    const keyId = requireId(request.key_id, "key_id");
    const amount = requireAmount(request.amount_nanousd, "amount_nanousd");
    const nowMs = this.now();
    const windows = budgetWindows(nowMs);
    return this.db.transaction(async (tx) => {
      const key = await lockKey(tx, keyId);
      if (!key) throw notFound(`no key with key_id '${keyId}'`);
      if (key.revoked) return { ok: false, denied_reason: "key revoked" };
      await pruneReservations(tx, keyId, windows.retentionCutoffMs);
      const usage = await loadUsage(tx, keyId, windows);
      if (await reservationSeen(tx, reservationId)) {
        return { ok: true, ...remainingField(remainingBudget(key.budgets, usage)) };
      }
      const decision = decideReservation(key.budgets, usage, amount);
      if (!decision.ok) return { ok: false, denied_reason: decision.reason, remaining_budget_nanousd: decision.remaining };
      await insertReservation(tx, {
        reservationId, keyId, tenantId: key.tenantId, requestId: request.request_id ?? "",
        modelId: request.model_id ?? "", amount, createdMs: nowMs,
      });
      return { ok: true, ...remainingField(decision.remaining) };
    });
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

  async release(reservationIdIn: string): Promise<void> {
    const reservationId = requireId(reservationIdIn, "reservation_id");
    await this.db.transaction((tx) => takeReservation(tx, reservationId));
  }

  async recordCall(call: CallRecord__Output | null): Promise<boolean> {
    if (!call) throw invalidArgument("call is required");
    const record = {
      ...call,
      call_id: requireId(call.call_id, "call.call_id"),
      tenant_id: requireId(call.tenant_id, "call.tenant_id"),
      key_id: requireId(call.key_id, "call.key_id"),
      cost_nanousd: requireAmount(call.cost_nanousd, "call.cost_nanousd"),
    };
    const createdMs = call.created_unix_ms > 0 ? call.created_unix_ms : this.now();
    const day = utcDay(createdMs);
    return this.db.transaction(async (tx) => {
      if (!(await insertCallRecord(tx, record, createdMs, day))) return false;
      await takeReservation(tx, record.call_id);
      const u = record.usage;
      await addSpend(tx, {
        tenantId: record.tenant_id, keyId: record.key_id, day, modelId: record.model_id, calls: 1,
        inputTokens: u?.input_tokens ?? 0, outputTokens: u?.output_tokens ?? 0, cachedInputTokens: u?.cached_input_tokens ?? 0,
        cacheWriteTokens: u?.cache_write_tokens ?? 0, reasoningTokens: u?.reasoning_tokens ?? 0, cost: record.cost_nanousd,
      });
      return true;
    });
  }

  async recordRequest(request: RequestRecord__Output | null): Promise<boolean> {
    if (!request) throw invalidArgument("request is required");
    const record = {
      ...request,
      request_id: requireId(request.request_id, "request.request_id"),
      tenant_id: requireId(request.tenant_id, "request.tenant_id"),
    };
    const createdMs = request.created_unix_ms > 0 ? request.created_unix_ms : this.now();
    return this.db.transaction((tx) => insertRequestRecord(tx, record, createdMs, utcDay(createdMs)));
  }
}
