// Original file: protos/xrouter/ledger/v1/ledger.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthenticateRequest as _xrouter_ledger_v1_AuthenticateRequest, AuthenticateRequest__Output as _xrouter_ledger_v1_AuthenticateRequest__Output } from '../../../xrouter/ledger/v1/AuthenticateRequest.js';
import type { AuthenticateResponse as _xrouter_ledger_v1_AuthenticateResponse, AuthenticateResponse__Output as _xrouter_ledger_v1_AuthenticateResponse__Output } from '../../../xrouter/ledger/v1/AuthenticateResponse.js';
import type { CheckRateLimitRequest as _xrouter_ledger_v1_CheckRateLimitRequest, CheckRateLimitRequest__Output as _xrouter_ledger_v1_CheckRateLimitRequest__Output } from '../../../xrouter/ledger/v1/CheckRateLimitRequest.js';
import type { CheckRateLimitResponse as _xrouter_ledger_v1_CheckRateLimitResponse, CheckRateLimitResponse__Output as _xrouter_ledger_v1_CheckRateLimitResponse__Output } from '../../../xrouter/ledger/v1/CheckRateLimitResponse.js';
import type { CreateKeyRequest as _xrouter_ledger_v1_CreateKeyRequest, CreateKeyRequest__Output as _xrouter_ledger_v1_CreateKeyRequest__Output } from '../../../xrouter/ledger/v1/CreateKeyRequest.js';
import type { CreateKeyResponse as _xrouter_ledger_v1_CreateKeyResponse, CreateKeyResponse__Output as _xrouter_ledger_v1_CreateKeyResponse__Output } from '../../../xrouter/ledger/v1/CreateKeyResponse.js';
import type { GetKeyRequest as _xrouter_ledger_v1_GetKeyRequest, GetKeyRequest__Output as _xrouter_ledger_v1_GetKeyRequest__Output } from '../../../xrouter/ledger/v1/GetKeyRequest.js';
import type { GetKeyResponse as _xrouter_ledger_v1_GetKeyResponse, GetKeyResponse__Output as _xrouter_ledger_v1_GetKeyResponse__Output } from '../../../xrouter/ledger/v1/GetKeyResponse.js';
import type { GetRequestRequest as _xrouter_ledger_v1_GetRequestRequest, GetRequestRequest__Output as _xrouter_ledger_v1_GetRequestRequest__Output } from '../../../xrouter/ledger/v1/GetRequestRequest.js';
import type { GetRequestResponse as _xrouter_ledger_v1_GetRequestResponse, GetRequestResponse__Output as _xrouter_ledger_v1_GetRequestResponse__Output } from '../../../xrouter/ledger/v1/GetRequestResponse.js';
import type { GetSpendRequest as _xrouter_ledger_v1_GetSpendRequest, GetSpendRequest__Output as _xrouter_ledger_v1_GetSpendRequest__Output } from '../../../xrouter/ledger/v1/GetSpendRequest.js';
import type { GetSpendResponse as _xrouter_ledger_v1_GetSpendResponse, GetSpendResponse__Output as _xrouter_ledger_v1_GetSpendResponse__Output } from '../../../xrouter/ledger/v1/GetSpendResponse.js';
import type { GrantBudgetLeaseRequest as _xrouter_ledger_v1_GrantBudgetLeaseRequest, GrantBudgetLeaseRequest__Output as _xrouter_ledger_v1_GrantBudgetLeaseRequest__Output } from '../../../xrouter/ledger/v1/GrantBudgetLeaseRequest.js';
import type { GrantBudgetLeaseResponse as _xrouter_ledger_v1_GrantBudgetLeaseResponse, GrantBudgetLeaseResponse__Output as _xrouter_ledger_v1_GrantBudgetLeaseResponse__Output } from '../../../xrouter/ledger/v1/GrantBudgetLeaseResponse.js';
import type { ListKeysRequest as _xrouter_ledger_v1_ListKeysRequest, ListKeysRequest__Output as _xrouter_ledger_v1_ListKeysRequest__Output } from '../../../xrouter/ledger/v1/ListKeysRequest.js';
import type { ListKeysResponse as _xrouter_ledger_v1_ListKeysResponse, ListKeysResponse__Output as _xrouter_ledger_v1_ListKeysResponse__Output } from '../../../xrouter/ledger/v1/ListKeysResponse.js';
import type { RecordCallRequest as _xrouter_ledger_v1_RecordCallRequest, RecordCallRequest__Output as _xrouter_ledger_v1_RecordCallRequest__Output } from '../../../xrouter/ledger/v1/RecordCallRequest.js';
import type { RecordCallResponse as _xrouter_ledger_v1_RecordCallResponse, RecordCallResponse__Output as _xrouter_ledger_v1_RecordCallResponse__Output } from '../../../xrouter/ledger/v1/RecordCallResponse.js';
import type { RecordCallsRequest as _xrouter_ledger_v1_RecordCallsRequest, RecordCallsRequest__Output as _xrouter_ledger_v1_RecordCallsRequest__Output } from '../../../xrouter/ledger/v1/RecordCallsRequest.js';
import type { RecordCallsResponse as _xrouter_ledger_v1_RecordCallsResponse, RecordCallsResponse__Output as _xrouter_ledger_v1_RecordCallsResponse__Output } from '../../../xrouter/ledger/v1/RecordCallsResponse.js';
import type { RecordRequestRequest as _xrouter_ledger_v1_RecordRequestRequest, RecordRequestRequest__Output as _xrouter_ledger_v1_RecordRequestRequest__Output } from '../../../xrouter/ledger/v1/RecordRequestRequest.js';
import type { RecordRequestResponse as _xrouter_ledger_v1_RecordRequestResponse, RecordRequestResponse__Output as _xrouter_ledger_v1_RecordRequestResponse__Output } from '../../../xrouter/ledger/v1/RecordRequestResponse.js';
import type { RecordRequestsRequest as _xrouter_ledger_v1_RecordRequestsRequest, RecordRequestsRequest__Output as _xrouter_ledger_v1_RecordRequestsRequest__Output } from '../../../xrouter/ledger/v1/RecordRequestsRequest.js';
import type { RecordRequestsResponse as _xrouter_ledger_v1_RecordRequestsResponse, RecordRequestsResponse__Output as _xrouter_ledger_v1_RecordRequestsResponse__Output } from '../../../xrouter/ledger/v1/RecordRequestsResponse.js';
import type { ReleaseRequest as _xrouter_ledger_v1_ReleaseRequest, ReleaseRequest__Output as _xrouter_ledger_v1_ReleaseRequest__Output } from '../../../xrouter/ledger/v1/ReleaseRequest.js';
import type { ReleaseResponse as _xrouter_ledger_v1_ReleaseResponse, ReleaseResponse__Output as _xrouter_ledger_v1_ReleaseResponse__Output } from '../../../xrouter/ledger/v1/ReleaseResponse.js';
import type { ReserveRequest as _xrouter_ledger_v1_ReserveRequest, ReserveRequest__Output as _xrouter_ledger_v1_ReserveRequest__Output } from '../../../xrouter/ledger/v1/ReserveRequest.js';
import type { ReserveResponse as _xrouter_ledger_v1_ReserveResponse, ReserveResponse__Output as _xrouter_ledger_v1_ReserveResponse__Output } from '../../../xrouter/ledger/v1/ReserveResponse.js';
import type { ReturnBudgetLeaseRequest as _xrouter_ledger_v1_ReturnBudgetLeaseRequest, ReturnBudgetLeaseRequest__Output as _xrouter_ledger_v1_ReturnBudgetLeaseRequest__Output } from '../../../xrouter/ledger/v1/ReturnBudgetLeaseRequest.js';
import type { ReturnBudgetLeaseResponse as _xrouter_ledger_v1_ReturnBudgetLeaseResponse, ReturnBudgetLeaseResponse__Output as _xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output } from '../../../xrouter/ledger/v1/ReturnBudgetLeaseResponse.js';
import type { RevokeKeyRequest as _xrouter_ledger_v1_RevokeKeyRequest, RevokeKeyRequest__Output as _xrouter_ledger_v1_RevokeKeyRequest__Output } from '../../../xrouter/ledger/v1/RevokeKeyRequest.js';
import type { RevokeKeyResponse as _xrouter_ledger_v1_RevokeKeyResponse, RevokeKeyResponse__Output as _xrouter_ledger_v1_RevokeKeyResponse__Output } from '../../../xrouter/ledger/v1/RevokeKeyResponse.js';
import type { SettleRequest as _xrouter_ledger_v1_SettleRequest, SettleRequest__Output as _xrouter_ledger_v1_SettleRequest__Output } from '../../../xrouter/ledger/v1/SettleRequest.js';
import type { SettleResponse as _xrouter_ledger_v1_SettleResponse, SettleResponse__Output as _xrouter_ledger_v1_SettleResponse__Output } from '../../../xrouter/ledger/v1/SettleResponse.js';
import type { ShrinkReservationRequest as _xrouter_ledger_v1_ShrinkReservationRequest, ShrinkReservationRequest__Output as _xrouter_ledger_v1_ShrinkReservationRequest__Output } from '../../../xrouter/ledger/v1/ShrinkReservationRequest.js';
import type { ShrinkReservationResponse as _xrouter_ledger_v1_ShrinkReservationResponse, ShrinkReservationResponse__Output as _xrouter_ledger_v1_ShrinkReservationResponse__Output } from '../../../xrouter/ledger/v1/ShrinkReservationResponse.js';
import type { UpdateKeyRequest as _xrouter_ledger_v1_UpdateKeyRequest, UpdateKeyRequest__Output as _xrouter_ledger_v1_UpdateKeyRequest__Output } from '../../../xrouter/ledger/v1/UpdateKeyRequest.js';
import type { UpdateKeyResponse as _xrouter_ledger_v1_UpdateKeyResponse, UpdateKeyResponse__Output as _xrouter_ledger_v1_UpdateKeyResponse__Output } from '../../../xrouter/ledger/v1/UpdateKeyResponse.js';

export interface LedgerServiceClient extends grpc.Client {
  Authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Counts one request against the key's per-minute limits, shared by every gateway replica.
   */
  CheckRateLimit(argument: _xrouter_ledger_v1_CheckRateLimitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CheckRateLimitResponse__Output>): grpc.ClientUnaryCall;
  CheckRateLimit(argument: _xrouter_ledger_v1_CheckRateLimitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_CheckRateLimitResponse__Output>): grpc.ClientUnaryCall;
  CheckRateLimit(argument: _xrouter_ledger_v1_CheckRateLimitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CheckRateLimitResponse__Output>): grpc.ClientUnaryCall;
  CheckRateLimit(argument: _xrouter_ledger_v1_CheckRateLimitRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_CheckRateLimitResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Counts one request against the key's per-minute limits, shared by every gateway replica.
   */
  checkRateLimit(argument: _xrouter_ledger_v1_CheckRateLimitRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CheckRateLimitResponse__Output>): grpc.ClientUnaryCall;
  checkRateLimit(argument: _xrouter_ledger_v1_CheckRateLimitRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_CheckRateLimitResponse__Output>): grpc.ClientUnaryCall;
  checkRateLimit(argument: _xrouter_ledger_v1_CheckRateLimitRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CheckRateLimitResponse__Output>): grpc.ClientUnaryCall;
  checkRateLimit(argument: _xrouter_ledger_v1_CheckRateLimitRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_CheckRateLimitResponse__Output>): grpc.ClientUnaryCall;
  
  CreateKey(argument: _xrouter_ledger_v1_CreateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _xrouter_ledger_v1_CreateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _xrouter_ledger_v1_CreateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _xrouter_ledger_v1_CreateKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  createKey(argument: _xrouter_ledger_v1_CreateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  createKey(argument: _xrouter_ledger_v1_CreateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  createKey(argument: _xrouter_ledger_v1_CreateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  createKey(argument: _xrouter_ledger_v1_CreateKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  
  GetKey(argument: _xrouter_ledger_v1_GetKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetKeyResponse__Output>): grpc.ClientUnaryCall;
  GetKey(argument: _xrouter_ledger_v1_GetKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GetKeyResponse__Output>): grpc.ClientUnaryCall;
  GetKey(argument: _xrouter_ledger_v1_GetKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetKeyResponse__Output>): grpc.ClientUnaryCall;
  GetKey(argument: _xrouter_ledger_v1_GetKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GetKeyResponse__Output>): grpc.ClientUnaryCall;
  getKey(argument: _xrouter_ledger_v1_GetKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetKeyResponse__Output>): grpc.ClientUnaryCall;
  getKey(argument: _xrouter_ledger_v1_GetKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GetKeyResponse__Output>): grpc.ClientUnaryCall;
  getKey(argument: _xrouter_ledger_v1_GetKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetKeyResponse__Output>): grpc.ClientUnaryCall;
  getKey(argument: _xrouter_ledger_v1_GetKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GetKeyResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * One request record with its provider calls, scoped to a tenant.
   */
  GetRequest(argument: _xrouter_ledger_v1_GetRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetRequestResponse__Output>): grpc.ClientUnaryCall;
  GetRequest(argument: _xrouter_ledger_v1_GetRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GetRequestResponse__Output>): grpc.ClientUnaryCall;
  GetRequest(argument: _xrouter_ledger_v1_GetRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetRequestResponse__Output>): grpc.ClientUnaryCall;
  GetRequest(argument: _xrouter_ledger_v1_GetRequestRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GetRequestResponse__Output>): grpc.ClientUnaryCall;
  /**
   * One request record with its provider calls, scoped to a tenant.
   */
  getRequest(argument: _xrouter_ledger_v1_GetRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetRequestResponse__Output>): grpc.ClientUnaryCall;
  getRequest(argument: _xrouter_ledger_v1_GetRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GetRequestResponse__Output>): grpc.ClientUnaryCall;
  getRequest(argument: _xrouter_ledger_v1_GetRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetRequestResponse__Output>): grpc.ClientUnaryCall;
  getRequest(argument: _xrouter_ledger_v1_GetRequestRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GetRequestResponse__Output>): grpc.ClientUnaryCall;
  
  GetSpend(argument: _xrouter_ledger_v1_GetSpendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  GetSpend(argument: _xrouter_ledger_v1_GetSpendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  GetSpend(argument: _xrouter_ledger_v1_GetSpendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  GetSpend(argument: _xrouter_ledger_v1_GetSpendRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  getSpend(argument: _xrouter_ledger_v1_GetSpendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  getSpend(argument: _xrouter_ledger_v1_GetSpendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  getSpend(argument: _xrouter_ledger_v1_GetSpendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  getSpend(argument: _xrouter_ledger_v1_GetSpendRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  
  GrantBudgetLease(argument: _xrouter_ledger_v1_GrantBudgetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  GrantBudgetLease(argument: _xrouter_ledger_v1_GrantBudgetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  GrantBudgetLease(argument: _xrouter_ledger_v1_GrantBudgetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  GrantBudgetLease(argument: _xrouter_ledger_v1_GrantBudgetLeaseRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  grantBudgetLease(argument: _xrouter_ledger_v1_GrantBudgetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  grantBudgetLease(argument: _xrouter_ledger_v1_GrantBudgetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  grantBudgetLease(argument: _xrouter_ledger_v1_GrantBudgetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  grantBudgetLease(argument: _xrouter_ledger_v1_GrantBudgetLeaseRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Key administration (CLI, the gateway's admin API) and a tenant's view of its own keys.
   */
  ListKeys(argument: _xrouter_ledger_v1_ListKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ListKeysResponse__Output>): grpc.ClientUnaryCall;
  ListKeys(argument: _xrouter_ledger_v1_ListKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ListKeysResponse__Output>): grpc.ClientUnaryCall;
  ListKeys(argument: _xrouter_ledger_v1_ListKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ListKeysResponse__Output>): grpc.ClientUnaryCall;
  ListKeys(argument: _xrouter_ledger_v1_ListKeysRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ListKeysResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Key administration (CLI, the gateway's admin API) and a tenant's view of its own keys.
   */
  listKeys(argument: _xrouter_ledger_v1_ListKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ListKeysResponse__Output>): grpc.ClientUnaryCall;
  listKeys(argument: _xrouter_ledger_v1_ListKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ListKeysResponse__Output>): grpc.ClientUnaryCall;
  listKeys(argument: _xrouter_ledger_v1_ListKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ListKeysResponse__Output>): grpc.ClientUnaryCall;
  listKeys(argument: _xrouter_ledger_v1_ListKeysRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ListKeysResponse__Output>): grpc.ClientUnaryCall;
  
  RecordCall(argument: _xrouter_ledger_v1_RecordCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  RecordCall(argument: _xrouter_ledger_v1_RecordCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  RecordCall(argument: _xrouter_ledger_v1_RecordCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  RecordCall(argument: _xrouter_ledger_v1_RecordCallRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  recordCall(argument: _xrouter_ledger_v1_RecordCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  recordCall(argument: _xrouter_ledger_v1_RecordCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  recordCall(argument: _xrouter_ledger_v1_RecordCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  recordCall(argument: _xrouter_ledger_v1_RecordCallRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  
  /**
   * Batches of the two above, one SQL statement each: what executors and gateways send under load.
   */
  RecordCalls(argument: _xrouter_ledger_v1_RecordCallsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallsResponse__Output>): grpc.ClientUnaryCall;
  RecordCalls(argument: _xrouter_ledger_v1_RecordCallsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallsResponse__Output>): grpc.ClientUnaryCall;
  RecordCalls(argument: _xrouter_ledger_v1_RecordCallsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallsResponse__Output>): grpc.ClientUnaryCall;
  RecordCalls(argument: _xrouter_ledger_v1_RecordCallsRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallsResponse__Output>): grpc.ClientUnaryCall;
  /**
   * Batches of the two above, one SQL statement each: what executors and gateways send under load.
   */
  recordCalls(argument: _xrouter_ledger_v1_RecordCallsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallsResponse__Output>): grpc.ClientUnaryCall;
  recordCalls(argument: _xrouter_ledger_v1_RecordCallsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallsResponse__Output>): grpc.ClientUnaryCall;
  recordCalls(argument: _xrouter_ledger_v1_RecordCallsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallsResponse__Output>): grpc.ClientUnaryCall;
  recordCalls(argument: _xrouter_ledger_v1_RecordCallsRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallsResponse__Output>): grpc.ClientUnaryCall;
  
  RecordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  RecordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  RecordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  RecordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  recordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  recordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  recordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  recordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  
  RecordRequests(argument: _xrouter_ledger_v1_RecordRequestsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestsResponse__Output>): grpc.ClientUnaryCall;
  RecordRequests(argument: _xrouter_ledger_v1_RecordRequestsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestsResponse__Output>): grpc.ClientUnaryCall;
  RecordRequests(argument: _xrouter_ledger_v1_RecordRequestsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestsResponse__Output>): grpc.ClientUnaryCall;
  RecordRequests(argument: _xrouter_ledger_v1_RecordRequestsRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestsResponse__Output>): grpc.ClientUnaryCall;
  recordRequests(argument: _xrouter_ledger_v1_RecordRequestsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestsResponse__Output>): grpc.ClientUnaryCall;
  recordRequests(argument: _xrouter_ledger_v1_RecordRequestsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestsResponse__Output>): grpc.ClientUnaryCall;
  recordRequests(argument: _xrouter_ledger_v1_RecordRequestsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestsResponse__Output>): grpc.ClientUnaryCall;
  recordRequests(argument: _xrouter_ledger_v1_RecordRequestsRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestsResponse__Output>): grpc.ClientUnaryCall;
  
  Release(argument: _xrouter_ledger_v1_ReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  Release(argument: _xrouter_ledger_v1_ReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  Release(argument: _xrouter_ledger_v1_ReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  Release(argument: _xrouter_ledger_v1_ReleaseRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _xrouter_ledger_v1_ReleaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _xrouter_ledger_v1_ReleaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _xrouter_ledger_v1_ReleaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  release(argument: _xrouter_ledger_v1_ReleaseRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ReleaseResponse__Output>): grpc.ClientUnaryCall;
  
  Reserve(argument: _xrouter_ledger_v1_ReserveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReserveResponse__Output>): grpc.ClientUnaryCall;
  Reserve(argument: _xrouter_ledger_v1_ReserveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ReserveResponse__Output>): grpc.ClientUnaryCall;
  Reserve(argument: _xrouter_ledger_v1_ReserveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReserveResponse__Output>): grpc.ClientUnaryCall;
  Reserve(argument: _xrouter_ledger_v1_ReserveRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ReserveResponse__Output>): grpc.ClientUnaryCall;
  reserve(argument: _xrouter_ledger_v1_ReserveRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReserveResponse__Output>): grpc.ClientUnaryCall;
  reserve(argument: _xrouter_ledger_v1_ReserveRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ReserveResponse__Output>): grpc.ClientUnaryCall;
  reserve(argument: _xrouter_ledger_v1_ReserveRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReserveResponse__Output>): grpc.ClientUnaryCall;
  reserve(argument: _xrouter_ledger_v1_ReserveRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ReserveResponse__Output>): grpc.ClientUnaryCall;
  
  ReturnBudgetLease(argument: _xrouter_ledger_v1_ReturnBudgetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  ReturnBudgetLease(argument: _xrouter_ledger_v1_ReturnBudgetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  ReturnBudgetLease(argument: _xrouter_ledger_v1_ReturnBudgetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  ReturnBudgetLease(argument: _xrouter_ledger_v1_ReturnBudgetLeaseRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  returnBudgetLease(argument: _xrouter_ledger_v1_ReturnBudgetLeaseRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  returnBudgetLease(argument: _xrouter_ledger_v1_ReturnBudgetLeaseRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  returnBudgetLease(argument: _xrouter_ledger_v1_ReturnBudgetLeaseRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  returnBudgetLease(argument: _xrouter_ledger_v1_ReturnBudgetLeaseRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeKey(argument: _xrouter_ledger_v1_RevokeKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RevokeKeyResponse__Output>): grpc.ClientUnaryCall;
  RevokeKey(argument: _xrouter_ledger_v1_RevokeKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RevokeKeyResponse__Output>): grpc.ClientUnaryCall;
  RevokeKey(argument: _xrouter_ledger_v1_RevokeKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RevokeKeyResponse__Output>): grpc.ClientUnaryCall;
  RevokeKey(argument: _xrouter_ledger_v1_RevokeKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RevokeKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeKey(argument: _xrouter_ledger_v1_RevokeKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RevokeKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeKey(argument: _xrouter_ledger_v1_RevokeKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RevokeKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeKey(argument: _xrouter_ledger_v1_RevokeKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RevokeKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeKey(argument: _xrouter_ledger_v1_RevokeKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RevokeKeyResponse__Output>): grpc.ClientUnaryCall;
  
  Settle(argument: _xrouter_ledger_v1_SettleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  Settle(argument: _xrouter_ledger_v1_SettleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  Settle(argument: _xrouter_ledger_v1_SettleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  Settle(argument: _xrouter_ledger_v1_SettleRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  settle(argument: _xrouter_ledger_v1_SettleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  settle(argument: _xrouter_ledger_v1_SettleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  settle(argument: _xrouter_ledger_v1_SettleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  settle(argument: _xrouter_ledger_v1_SettleRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  
  ShrinkReservation(argument: _xrouter_ledger_v1_ShrinkReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ShrinkReservationResponse__Output>): grpc.ClientUnaryCall;
  ShrinkReservation(argument: _xrouter_ledger_v1_ShrinkReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ShrinkReservationResponse__Output>): grpc.ClientUnaryCall;
  ShrinkReservation(argument: _xrouter_ledger_v1_ShrinkReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ShrinkReservationResponse__Output>): grpc.ClientUnaryCall;
  ShrinkReservation(argument: _xrouter_ledger_v1_ShrinkReservationRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ShrinkReservationResponse__Output>): grpc.ClientUnaryCall;
  shrinkReservation(argument: _xrouter_ledger_v1_ShrinkReservationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ShrinkReservationResponse__Output>): grpc.ClientUnaryCall;
  shrinkReservation(argument: _xrouter_ledger_v1_ShrinkReservationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_ShrinkReservationResponse__Output>): grpc.ClientUnaryCall;
  shrinkReservation(argument: _xrouter_ledger_v1_ShrinkReservationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_ShrinkReservationResponse__Output>): grpc.ClientUnaryCall;
  shrinkReservation(argument: _xrouter_ledger_v1_ShrinkReservationRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_ShrinkReservationResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateKey(argument: _xrouter_ledger_v1_UpdateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_UpdateKeyResponse__Output>): grpc.ClientUnaryCall;
  UpdateKey(argument: _xrouter_ledger_v1_UpdateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_UpdateKeyResponse__Output>): grpc.ClientUnaryCall;
  UpdateKey(argument: _xrouter_ledger_v1_UpdateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_UpdateKeyResponse__Output>): grpc.ClientUnaryCall;
  UpdateKey(argument: _xrouter_ledger_v1_UpdateKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_UpdateKeyResponse__Output>): grpc.ClientUnaryCall;
  updateKey(argument: _xrouter_ledger_v1_UpdateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_UpdateKeyResponse__Output>): grpc.ClientUnaryCall;
  updateKey(argument: _xrouter_ledger_v1_UpdateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_UpdateKeyResponse__Output>): grpc.ClientUnaryCall;
  updateKey(argument: _xrouter_ledger_v1_UpdateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_UpdateKeyResponse__Output>): grpc.ClientUnaryCall;
  updateKey(argument: _xrouter_ledger_v1_UpdateKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_UpdateKeyResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface LedgerServiceHandlers extends grpc.UntypedServiceImplementation {
  Authenticate: grpc.handleUnaryCall<_xrouter_ledger_v1_AuthenticateRequest__Output, _xrouter_ledger_v1_AuthenticateResponse>;
  
  /**
   * Counts one request against the key's per-minute limits, shared by every gateway replica.
   */
  CheckRateLimit: grpc.handleUnaryCall<_xrouter_ledger_v1_CheckRateLimitRequest__Output, _xrouter_ledger_v1_CheckRateLimitResponse>;
  
  CreateKey: grpc.handleUnaryCall<_xrouter_ledger_v1_CreateKeyRequest__Output, _xrouter_ledger_v1_CreateKeyResponse>;
  
  GetKey: grpc.handleUnaryCall<_xrouter_ledger_v1_GetKeyRequest__Output, _xrouter_ledger_v1_GetKeyResponse>;
  
  /**
   * One request record with its provider calls, scoped to a tenant.
   */
  GetRequest: grpc.handleUnaryCall<_xrouter_ledger_v1_GetRequestRequest__Output, _xrouter_ledger_v1_GetRequestResponse>;
  
  GetSpend: grpc.handleUnaryCall<_xrouter_ledger_v1_GetSpendRequest__Output, _xrouter_ledger_v1_GetSpendResponse>;
  
  GrantBudgetLease: grpc.handleUnaryCall<_xrouter_ledger_v1_GrantBudgetLeaseRequest__Output, _xrouter_ledger_v1_GrantBudgetLeaseResponse>;
  
  /**
   * Key administration (CLI, the gateway's admin API) and a tenant's view of its own keys.
   */
  ListKeys: grpc.handleUnaryCall<_xrouter_ledger_v1_ListKeysRequest__Output, _xrouter_ledger_v1_ListKeysResponse>;
  
  RecordCall: grpc.handleUnaryCall<_xrouter_ledger_v1_RecordCallRequest__Output, _xrouter_ledger_v1_RecordCallResponse>;
  
  /**
   * Batches of the two above, one SQL statement each: what executors and gateways send under load.
   */
  RecordCalls: grpc.handleUnaryCall<_xrouter_ledger_v1_RecordCallsRequest__Output, _xrouter_ledger_v1_RecordCallsResponse>;
  
  RecordRequest: grpc.handleUnaryCall<_xrouter_ledger_v1_RecordRequestRequest__Output, _xrouter_ledger_v1_RecordRequestResponse>;
  
  RecordRequests: grpc.handleUnaryCall<_xrouter_ledger_v1_RecordRequestsRequest__Output, _xrouter_ledger_v1_RecordRequestsResponse>;
  
  Release: grpc.handleUnaryCall<_xrouter_ledger_v1_ReleaseRequest__Output, _xrouter_ledger_v1_ReleaseResponse>;
  
  Reserve: grpc.handleUnaryCall<_xrouter_ledger_v1_ReserveRequest__Output, _xrouter_ledger_v1_ReserveResponse>;
  
  ReturnBudgetLease: grpc.handleUnaryCall<_xrouter_ledger_v1_ReturnBudgetLeaseRequest__Output, _xrouter_ledger_v1_ReturnBudgetLeaseResponse>;
  
  RevokeKey: grpc.handleUnaryCall<_xrouter_ledger_v1_RevokeKeyRequest__Output, _xrouter_ledger_v1_RevokeKeyResponse>;
  
  Settle: grpc.handleUnaryCall<_xrouter_ledger_v1_SettleRequest__Output, _xrouter_ledger_v1_SettleResponse>;
  
  ShrinkReservation: grpc.handleUnaryCall<_xrouter_ledger_v1_ShrinkReservationRequest__Output, _xrouter_ledger_v1_ShrinkReservationResponse>;
  
  UpdateKey: grpc.handleUnaryCall<_xrouter_ledger_v1_UpdateKeyRequest__Output, _xrouter_ledger_v1_UpdateKeyResponse>;
  
}

export interface LedgerServiceDefinition extends grpc.ServiceDefinition {
  Authenticate: MethodDefinition<_xrouter_ledger_v1_AuthenticateRequest, _xrouter_ledger_v1_AuthenticateResponse, _xrouter_ledger_v1_AuthenticateRequest__Output, _xrouter_ledger_v1_AuthenticateResponse__Output>
  CheckRateLimit: MethodDefinition<_xrouter_ledger_v1_CheckRateLimitRequest, _xrouter_ledger_v1_CheckRateLimitResponse, _xrouter_ledger_v1_CheckRateLimitRequest__Output, _xrouter_ledger_v1_CheckRateLimitResponse__Output>
  CreateKey: MethodDefinition<_xrouter_ledger_v1_CreateKeyRequest, _xrouter_ledger_v1_CreateKeyResponse, _xrouter_ledger_v1_CreateKeyRequest__Output, _xrouter_ledger_v1_CreateKeyResponse__Output>
  GetKey: MethodDefinition<_xrouter_ledger_v1_GetKeyRequest, _xrouter_ledger_v1_GetKeyResponse, _xrouter_ledger_v1_GetKeyRequest__Output, _xrouter_ledger_v1_GetKeyResponse__Output>
  GetRequest: MethodDefinition<_xrouter_ledger_v1_GetRequestRequest, _xrouter_ledger_v1_GetRequestResponse, _xrouter_ledger_v1_GetRequestRequest__Output, _xrouter_ledger_v1_GetRequestResponse__Output>
  GetSpend: MethodDefinition<_xrouter_ledger_v1_GetSpendRequest, _xrouter_ledger_v1_GetSpendResponse, _xrouter_ledger_v1_GetSpendRequest__Output, _xrouter_ledger_v1_GetSpendResponse__Output>
  GrantBudgetLease: MethodDefinition<_xrouter_ledger_v1_GrantBudgetLeaseRequest, _xrouter_ledger_v1_GrantBudgetLeaseResponse, _xrouter_ledger_v1_GrantBudgetLeaseRequest__Output, _xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>
  ListKeys: MethodDefinition<_xrouter_ledger_v1_ListKeysRequest, _xrouter_ledger_v1_ListKeysResponse, _xrouter_ledger_v1_ListKeysRequest__Output, _xrouter_ledger_v1_ListKeysResponse__Output>
  RecordCall: MethodDefinition<_xrouter_ledger_v1_RecordCallRequest, _xrouter_ledger_v1_RecordCallResponse, _xrouter_ledger_v1_RecordCallRequest__Output, _xrouter_ledger_v1_RecordCallResponse__Output>
  RecordCalls: MethodDefinition<_xrouter_ledger_v1_RecordCallsRequest, _xrouter_ledger_v1_RecordCallsResponse, _xrouter_ledger_v1_RecordCallsRequest__Output, _xrouter_ledger_v1_RecordCallsResponse__Output>
  RecordRequest: MethodDefinition<_xrouter_ledger_v1_RecordRequestRequest, _xrouter_ledger_v1_RecordRequestResponse, _xrouter_ledger_v1_RecordRequestRequest__Output, _xrouter_ledger_v1_RecordRequestResponse__Output>
  RecordRequests: MethodDefinition<_xrouter_ledger_v1_RecordRequestsRequest, _xrouter_ledger_v1_RecordRequestsResponse, _xrouter_ledger_v1_RecordRequestsRequest__Output, _xrouter_ledger_v1_RecordRequestsResponse__Output>
  Release: MethodDefinition<_xrouter_ledger_v1_ReleaseRequest, _xrouter_ledger_v1_ReleaseResponse, _xrouter_ledger_v1_ReleaseRequest__Output, _xrouter_ledger_v1_ReleaseResponse__Output>
  Reserve: MethodDefinition<_xrouter_ledger_v1_ReserveRequest, _xrouter_ledger_v1_ReserveResponse, _xrouter_ledger_v1_ReserveRequest__Output, _xrouter_ledger_v1_ReserveResponse__Output>
  ReturnBudgetLease: MethodDefinition<_xrouter_ledger_v1_ReturnBudgetLeaseRequest, _xrouter_ledger_v1_ReturnBudgetLeaseResponse, _xrouter_ledger_v1_ReturnBudgetLeaseRequest__Output, _xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>
  RevokeKey: MethodDefinition<_xrouter_ledger_v1_RevokeKeyRequest, _xrouter_ledger_v1_RevokeKeyResponse, _xrouter_ledger_v1_RevokeKeyRequest__Output, _xrouter_ledger_v1_RevokeKeyResponse__Output>
  Settle: MethodDefinition<_xrouter_ledger_v1_SettleRequest, _xrouter_ledger_v1_SettleResponse, _xrouter_ledger_v1_SettleRequest__Output, _xrouter_ledger_v1_SettleResponse__Output>
  ShrinkReservation: MethodDefinition<_xrouter_ledger_v1_ShrinkReservationRequest, _xrouter_ledger_v1_ShrinkReservationResponse, _xrouter_ledger_v1_ShrinkReservationRequest__Output, _xrouter_ledger_v1_ShrinkReservationResponse__Output>
  UpdateKey: MethodDefinition<_xrouter_ledger_v1_UpdateKeyRequest, _xrouter_ledger_v1_UpdateKeyResponse, _xrouter_ledger_v1_UpdateKeyRequest__Output, _xrouter_ledger_v1_UpdateKeyResponse__Output>
}
