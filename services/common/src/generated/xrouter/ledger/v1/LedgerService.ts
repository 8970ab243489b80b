// Original file: protos/xrouter/ledger/v1/ledger.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AuthenticateRequest as _xrouter_ledger_v1_AuthenticateRequest, AuthenticateRequest__Output as _xrouter_ledger_v1_AuthenticateRequest__Output } from '../../../xrouter/ledger/v1/AuthenticateRequest.js';
import type { AuthenticateResponse as _xrouter_ledger_v1_AuthenticateResponse, AuthenticateResponse__Output as _xrouter_ledger_v1_AuthenticateResponse__Output } from '../../../xrouter/ledger/v1/AuthenticateResponse.js';
import type { CreateKeyRequest as _xrouter_ledger_v1_CreateKeyRequest, CreateKeyRequest__Output as _xrouter_ledger_v1_CreateKeyRequest__Output } from '../../../xrouter/ledger/v1/CreateKeyRequest.js';
import type { CreateKeyResponse as _xrouter_ledger_v1_CreateKeyResponse, CreateKeyResponse__Output as _xrouter_ledger_v1_CreateKeyResponse__Output } from '../../../xrouter/ledger/v1/CreateKeyResponse.js';
import type { GetSpendRequest as _xrouter_ledger_v1_GetSpendRequest, GetSpendRequest__Output as _xrouter_ledger_v1_GetSpendRequest__Output } from '../../../xrouter/ledger/v1/GetSpendRequest.js';
import type { GetSpendResponse as _xrouter_ledger_v1_GetSpendResponse, GetSpendResponse__Output as _xrouter_ledger_v1_GetSpendResponse__Output } from '../../../xrouter/ledger/v1/GetSpendResponse.js';
import type { RecordCallRequest as _xrouter_ledger_v1_RecordCallRequest, RecordCallRequest__Output as _xrouter_ledger_v1_RecordCallRequest__Output } from '../../../xrouter/ledger/v1/RecordCallRequest.js';
import type { RecordCallResponse as _xrouter_ledger_v1_RecordCallResponse, RecordCallResponse__Output as _xrouter_ledger_v1_RecordCallResponse__Output } from '../../../xrouter/ledger/v1/RecordCallResponse.js';
import type { RecordRequestRequest as _xrouter_ledger_v1_RecordRequestRequest, RecordRequestRequest__Output as _xrouter_ledger_v1_RecordRequestRequest__Output } from '../../../xrouter/ledger/v1/RecordRequestRequest.js';
import type { RecordRequestResponse as _xrouter_ledger_v1_RecordRequestResponse, RecordRequestResponse__Output as _xrouter_ledger_v1_RecordRequestResponse__Output } from '../../../xrouter/ledger/v1/RecordRequestResponse.js';
import type { ReleaseRequest as _xrouter_ledger_v1_ReleaseRequest, ReleaseRequest__Output as _xrouter_ledger_v1_ReleaseRequest__Output } from '../../../xrouter/ledger/v1/ReleaseRequest.js';
import type { ReleaseResponse as _xrouter_ledger_v1_ReleaseResponse, ReleaseResponse__Output as _xrouter_ledger_v1_ReleaseResponse__Output } from '../../../xrouter/ledger/v1/ReleaseResponse.js';
import type { ReserveRequest as _xrouter_ledger_v1_ReserveRequest, ReserveRequest__Output as _xrouter_ledger_v1_ReserveRequest__Output } from '../../../xrouter/ledger/v1/ReserveRequest.js';
import type { ReserveResponse as _xrouter_ledger_v1_ReserveResponse, ReserveResponse__Output as _xrouter_ledger_v1_ReserveResponse__Output } from '../../../xrouter/ledger/v1/ReserveResponse.js';
import type { SettleRequest as _xrouter_ledger_v1_SettleRequest, SettleRequest__Output as _xrouter_ledger_v1_SettleRequest__Output } from '../../../xrouter/ledger/v1/SettleRequest.js';
import type { SettleResponse as _xrouter_ledger_v1_SettleResponse, SettleResponse__Output as _xrouter_ledger_v1_SettleResponse__Output } from '../../../xrouter/ledger/v1/SettleResponse.js';

export interface LedgerServiceClient extends grpc.Client {
  Authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  Authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  authenticate(argument: _xrouter_ledger_v1_AuthenticateRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_AuthenticateResponse__Output>): grpc.ClientUnaryCall;
  
  CreateKey(argument: _xrouter_ledger_v1_CreateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _xrouter_ledger_v1_CreateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _xrouter_ledger_v1_CreateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  CreateKey(argument: _xrouter_ledger_v1_CreateKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  createKey(argument: _xrouter_ledger_v1_CreateKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  createKey(argument: _xrouter_ledger_v1_CreateKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  createKey(argument: _xrouter_ledger_v1_CreateKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  createKey(argument: _xrouter_ledger_v1_CreateKeyRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_CreateKeyResponse__Output>): grpc.ClientUnaryCall;
  
  GetSpend(argument: _xrouter_ledger_v1_GetSpendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  GetSpend(argument: _xrouter_ledger_v1_GetSpendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  GetSpend(argument: _xrouter_ledger_v1_GetSpendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  GetSpend(argument: _xrouter_ledger_v1_GetSpendRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  getSpend(argument: _xrouter_ledger_v1_GetSpendRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  getSpend(argument: _xrouter_ledger_v1_GetSpendRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  getSpend(argument: _xrouter_ledger_v1_GetSpendRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  getSpend(argument: _xrouter_ledger_v1_GetSpendRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_GetSpendResponse__Output>): grpc.ClientUnaryCall;
  
  RecordCall(argument: _xrouter_ledger_v1_RecordCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  RecordCall(argument: _xrouter_ledger_v1_RecordCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  RecordCall(argument: _xrouter_ledger_v1_RecordCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  RecordCall(argument: _xrouter_ledger_v1_RecordCallRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  recordCall(argument: _xrouter_ledger_v1_RecordCallRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  recordCall(argument: _xrouter_ledger_v1_RecordCallRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  recordCall(argument: _xrouter_ledger_v1_RecordCallRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  recordCall(argument: _xrouter_ledger_v1_RecordCallRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordCallResponse__Output>): grpc.ClientUnaryCall;
  
  RecordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  RecordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  RecordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  RecordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  recordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  recordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  recordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  recordRequest(argument: _xrouter_ledger_v1_RecordRequestRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_RecordRequestResponse__Output>): grpc.ClientUnaryCall;
  
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
  
  Settle(argument: _xrouter_ledger_v1_SettleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  Settle(argument: _xrouter_ledger_v1_SettleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  Settle(argument: _xrouter_ledger_v1_SettleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  Settle(argument: _xrouter_ledger_v1_SettleRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  settle(argument: _xrouter_ledger_v1_SettleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  settle(argument: _xrouter_ledger_v1_SettleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  settle(argument: _xrouter_ledger_v1_SettleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  settle(argument: _xrouter_ledger_v1_SettleRequest, callback: grpc.requestCallback<_xrouter_ledger_v1_SettleResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface LedgerServiceHandlers extends grpc.UntypedServiceImplementation {
  Authenticate: grpc.handleUnaryCall<_xrouter_ledger_v1_AuthenticateRequest__Output, _xrouter_ledger_v1_AuthenticateResponse>;
  
  CreateKey: grpc.handleUnaryCall<_xrouter_ledger_v1_CreateKeyRequest__Output, _xrouter_ledger_v1_CreateKeyResponse>;
  
  GetSpend: grpc.handleUnaryCall<_xrouter_ledger_v1_GetSpendRequest__Output, _xrouter_ledger_v1_GetSpendResponse>;
  
  RecordCall: grpc.handleUnaryCall<_xrouter_ledger_v1_RecordCallRequest__Output, _xrouter_ledger_v1_RecordCallResponse>;
  
  RecordRequest: grpc.handleUnaryCall<_xrouter_ledger_v1_RecordRequestRequest__Output, _xrouter_ledger_v1_RecordRequestResponse>;
  
  Release: grpc.handleUnaryCall<_xrouter_ledger_v1_ReleaseRequest__Output, _xrouter_ledger_v1_ReleaseResponse>;
  
  Reserve: grpc.handleUnaryCall<_xrouter_ledger_v1_ReserveRequest__Output, _xrouter_ledger_v1_ReserveResponse>;
  
  Settle: grpc.handleUnaryCall<_xrouter_ledger_v1_SettleRequest__Output, _xrouter_ledger_v1_SettleResponse>;
  
}

export interface LedgerServiceDefinition extends grpc.ServiceDefinition {
  Authenticate: MethodDefinition<_xrouter_ledger_v1_AuthenticateRequest, _xrouter_ledger_v1_AuthenticateResponse, _xrouter_ledger_v1_AuthenticateRequest__Output, _xrouter_ledger_v1_AuthenticateResponse__Output>
  CreateKey: MethodDefinition<_xrouter_ledger_v1_CreateKeyRequest, _xrouter_ledger_v1_CreateKeyResponse, _xrouter_ledger_v1_CreateKeyRequest__Output, _xrouter_ledger_v1_CreateKeyResponse__Output>
  GetSpend: MethodDefinition<_xrouter_ledger_v1_GetSpendRequest, _xrouter_ledger_v1_GetSpendResponse, _xrouter_ledger_v1_GetSpendRequest__Output, _xrouter_ledger_v1_GetSpendResponse__Output>
  RecordCall: MethodDefinition<_xrouter_ledger_v1_RecordCallRequest, _xrouter_ledger_v1_RecordCallResponse, _xrouter_ledger_v1_RecordCallRequest__Output, _xrouter_ledger_v1_RecordCallResponse__Output>
  RecordRequest: MethodDefinition<_xrouter_ledger_v1_RecordRequestRequest, _xrouter_ledger_v1_RecordRequestResponse, _xrouter_ledger_v1_RecordRequestRequest__Output, _xrouter_ledger_v1_RecordRequestResponse__Output>
  Release: MethodDefinition<_xrouter_ledger_v1_ReleaseRequest, _xrouter_ledger_v1_ReleaseResponse, _xrouter_ledger_v1_ReleaseRequest__Output, _xrouter_ledger_v1_ReleaseResponse__Output>
  Reserve: MethodDefinition<_xrouter_ledger_v1_ReserveRequest, _xrouter_ledger_v1_ReserveResponse, _xrouter_ledger_v1_ReserveRequest__Output, _xrouter_ledger_v1_ReserveResponse__Output>
  Settle: MethodDefinition<_xrouter_ledger_v1_SettleRequest, _xrouter_ledger_v1_SettleResponse, _xrouter_ledger_v1_SettleRequest__Output, _xrouter_ledger_v1_SettleResponse__Output>
}
