// The ledger's operations: validation and budget math from core/, storage through the repos.
// Request and answer shapes are the proto messages, so the gRPC layer only translates errors.
import type {
  CallRecord__Output, KeyInfo, RequestRecord__Output,
} from "../../../common/src/index.js";
import type { AuthenticateResponse } from "../../../common/src/generated/xrouter/ledger/v1/AuthenticateResponse.js";
import type { CreateKeyRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/CreateKeyRequest.js";
import type { CreateKeyResponse } from "../../../common/src/generated/xrouter/ledger/v1/CreateKeyResponse.js";
import type { GetSpendRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/GetSpendRequest.js";
import type { GetSpendResponse } from "../../../common/src/generated/xrouter/ledger/v1/GetSpendResponse.js";
import type { ReserveRequest__Output } from "../../../common/src/generated/xrouter/ledger/v1/ReserveRequest.js";
import type { ReserveResponse } from "../../../common/src/generated/xrouter/ledger/v1/ReserveResponse.js";
import { budgetWindows, decideReservation, remainingBudget, utcDay } from "../core/budget.js";
import { invalidArgument, notFound } from "../core/errors.js";
import { generateApiKey, hashApiKey, newKeyId } from "../core/keys.js";
import { requireAmount, requireId, validateCreateKey, validateDayRange } from "../core/validation.js";
import type { Database } from "./database.js";
import { findKeyByHash, insertKey, loadUsage, lockKey, type KeyRecord } from "./keys-repo.js";
import {
  addSpend, insertCallRecord, insertRequestRecord, insertReservation, pruneReservations, querySpend,
  reservationSeen, takeReservation,
} from "./spend-repo.js";

export type Clock = () => number;

function toKeyInfo(key: KeyRecord): KeyInfo {
  return {
    key_id: key.keyId, tenant_id: key.tenantId, name: key.name, allowed_models: key.allowedModels,
    budget_total_nanousd: key.budgets.total, budget_daily_nanousd: key.budgets.daily,
    budget_monthly_nanousd: key.budgets.monthly, rpm_limit: key.rpmLimit, tpm_limit: key.tpmLimit,
    revoked: key.revoked, created_unix_ms: key.createdMs,
  };
}

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
        calls: 0, inputTokens: 0, outputTokens: 0, cost: amount,
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
      await addSpend(tx, {
        tenantId: record.tenant_id, keyId: record.key_id, day, modelId: record.model_id, calls: 1,
        inputTokens: record.usage?.input_tokens ?? 0, outputTokens: record.usage?.output_tokens ?? 0,
        cost: record.cost_nanousd,
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
    return insertRequestRecord(this.db, record, createdMs, utcDay(createdMs));
  }

  async getSpend(request: GetSpendRequest__Output): Promise<GetSpendResponse> {
    const tenantId = requireId(request.tenant_id, "tenant_id");
    const { from, to } = validateDayRange(request.from_day, request.to_day);
    const keyId = (request.key_id ?? "").trim() || undefined;
    const { rows, requests } = await querySpend(this.db, { tenantId, keyId, fromDay: from, toDay: to });
    const total = rows.reduce((sum, row) => sum + row.cost_nanousd, 0);
    return { rows, total_cost_nanousd: total, requests };
  }
}
