// Promise-based client of xrouter.ledger.v1.LedgerService with a deadline on every call.
import { CLIENT_OPTIONS, grpc, unary } from "../grpc.js";
import { ledgerProto } from "../proto.js";
import type { LedgerServiceClient } from "../generated/xrouter/ledger/v1/LedgerService.js";
import type { AuthenticateResponse__Output } from "../generated/xrouter/ledger/v1/AuthenticateResponse.js";
import type { CreateKeyRequest } from "../generated/xrouter/ledger/v1/CreateKeyRequest.js";
import type { CreateKeyResponse__Output } from "../generated/xrouter/ledger/v1/CreateKeyResponse.js";
import type { ReserveRequest } from "../generated/xrouter/ledger/v1/ReserveRequest.js";
import type { ReserveResponse__Output } from "../generated/xrouter/ledger/v1/ReserveResponse.js";
import type { GrantBudgetLeaseRequest } from "../generated/xrouter/ledger/v1/GrantBudgetLeaseRequest.js";
import type { GrantBudgetLeaseResponse__Output } from "../generated/xrouter/ledger/v1/GrantBudgetLeaseResponse.js";
import type { CallRecord } from "../generated/xrouter/ledger/v1/CallRecord.js";
import type { RequestRecord } from "../generated/xrouter/ledger/v1/RequestRecord.js";
import type { GetSpendRequest } from "../generated/xrouter/ledger/v1/GetSpendRequest.js";
import type { GetSpendResponse__Output } from "../generated/xrouter/ledger/v1/GetSpendResponse.js";
import type { ListKeysRequest } from "../generated/xrouter/ledger/v1/ListKeysRequest.js";
import type { ListKeysResponse__Output } from "../generated/xrouter/ledger/v1/ListKeysResponse.js";
import type { GetKeyRequest } from "../generated/xrouter/ledger/v1/GetKeyRequest.js";
import type { GetKeyResponse__Output } from "../generated/xrouter/ledger/v1/GetKeyResponse.js";
import type { UpdateKeyRequest } from "../generated/xrouter/ledger/v1/UpdateKeyRequest.js";
import type { UpdateKeyResponse__Output } from "../generated/xrouter/ledger/v1/UpdateKeyResponse.js";
import type { RevokeKeyRequest } from "../generated/xrouter/ledger/v1/RevokeKeyRequest.js";
import type { RevokeKeyResponse__Output } from "../generated/xrouter/ledger/v1/RevokeKeyResponse.js";
import type { CheckRateLimitRequest } from "../generated/xrouter/ledger/v1/CheckRateLimitRequest.js";
import type { CheckRateLimitResponse__Output } from "../generated/xrouter/ledger/v1/CheckRateLimitResponse.js";
import type { GetRequestRequest } from "../generated/xrouter/ledger/v1/GetRequestRequest.js";
import type { GetRequestResponse__Output } from "../generated/xrouter/ledger/v1/GetRequestResponse.js";

export class LedgerClient {
  readonly raw: LedgerServiceClient;

  constructor(readonly address: string, private readonly timeoutMs = 5000) {
    this.raw = new ledgerProto.xrouter.ledger.v1.LedgerService(address, grpc.credentials.createInsecure(), CLIENT_OPTIONS);
  }

  private call<Req, Res>(method: keyof LedgerServiceClient, request: Req, metadata?: grpc.Metadata): Promise<Res> {
    const fn = this.raw[method] as unknown as Parameters<typeof unary<Req, Res>>[0];
    return unary<Req, Res>(fn, this.raw as unknown as grpc.Client, request, { timeoutMs: this.timeoutMs, metadata });
  }

  authenticate(apiKey: string, md?: grpc.Metadata) {
    return this.call<{ api_key: string }, AuthenticateResponse__Output>("Authenticate", { api_key: apiKey }, md);
  }
  createKey(request: CreateKeyRequest, md?: grpc.Metadata) {
    return this.call<CreateKeyRequest, CreateKeyResponse__Output>("CreateKey", request, md);
  }
  reserve(request: ReserveRequest, md?: grpc.Metadata) {
    return this.call<ReserveRequest, ReserveResponse__Output>("Reserve", request, md);
  }
  settle(reservationId: string, amountNanoUsd: number, md?: grpc.Metadata) {
    return this.call("Settle", { reservation_id: reservationId, amount_nanousd: amountNanoUsd }, md);
  }
  shrinkReservation(reservationId: string, amountNanoUsd: number, md?: grpc.Metadata) {
    return this.call("ShrinkReservation", { reservation_id: reservationId, amount_nanousd: amountNanoUsd }, md);
  }
  grantBudgetLease(request: GrantBudgetLeaseRequest, md?: grpc.Metadata) {
    return this.call<GrantBudgetLeaseRequest, GrantBudgetLeaseResponse__Output>("GrantBudgetLease", request, md);
  }
  returnBudgetLease(leaseId: string, unusedNanoUsd: number, md?: grpc.Metadata) {
    return this.call("ReturnBudgetLease", { lease_id: leaseId, unused_nanousd: unusedNanoUsd }, md);
  }
  release(reservationId: string, md?: grpc.Metadata) {
    return this.call("Release", { reservation_id: reservationId }, md);
  }
  recordCall(call: CallRecord, md?: grpc.Metadata) {
    return this.call<{ call: CallRecord }, { inserted: boolean }>("RecordCall", { call }, md);
  }
  recordRequest(request: RequestRecord, md?: grpc.Metadata) {
    return this.call<{ request: RequestRecord }, { inserted: boolean }>("RecordRequest", { request }, md);
  }
  recordCalls(calls: CallRecord[], md?: grpc.Metadata) {
    return this.call<{ calls: CallRecord[] }, { inserted: number }>("RecordCalls", { calls }, md);
  }
  recordRequests(requests: RequestRecord[], md?: grpc.Metadata) {
    return this.call<{ requests: RequestRecord[] }, { inserted: number }>("RecordRequests", { requests }, md);
  }
  getSpend(request: GetSpendRequest, md?: grpc.Metadata) {
    return this.call<GetSpendRequest, GetSpendResponse__Output>("GetSpend", request, md);
  }
  listKeys(request: ListKeysRequest, md?: grpc.Metadata) {
    return this.call<ListKeysRequest, ListKeysResponse__Output>("ListKeys", request, md);
  }
  getKey(request: GetKeyRequest, md?: grpc.Metadata) {
    return this.call<GetKeyRequest, GetKeyResponse__Output>("GetKey", request, md);
  }
  updateKey(request: UpdateKeyRequest, md?: grpc.Metadata) {
    return this.call<UpdateKeyRequest, UpdateKeyResponse__Output>("UpdateKey", request, md);
  }
  revokeKey(request: RevokeKeyRequest, md?: grpc.Metadata) {
    return this.call<RevokeKeyRequest, RevokeKeyResponse__Output>("RevokeKey", request, md);
  }
  checkRateLimit(request: CheckRateLimitRequest, md?: grpc.Metadata) {
    return this.call<CheckRateLimitRequest, CheckRateLimitResponse__Output>("CheckRateLimit", request, md);
  }
  getRequest(request: GetRequestRequest, md?: grpc.Metadata) {
    return this.call<GetRequestRequest, GetRequestResponse__Output>("GetRequest", request, md);
  }
  close(): void {
    this.raw.close();
  }
}
