import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ChatMessage as _xrouter_chat_v1_ChatMessage, ChatMessage__Output as _xrouter_chat_v1_ChatMessage__Output } from './xrouter/chat/v1/ChatMessage.js';
import type { SamplingParams as _xrouter_chat_v1_SamplingParams, SamplingParams__Output as _xrouter_chat_v1_SamplingParams__Output } from './xrouter/chat/v1/SamplingParams.js';
import type { ToolCall as _xrouter_chat_v1_ToolCall, ToolCall__Output as _xrouter_chat_v1_ToolCall__Output } from './xrouter/chat/v1/ToolCall.js';
import type { Usage as _xrouter_chat_v1_Usage, Usage__Output as _xrouter_chat_v1_Usage__Output } from './xrouter/chat/v1/Usage.js';
import type { CallError as _xrouter_executor_v1_CallError, CallError__Output as _xrouter_executor_v1_CallError__Output } from './xrouter/executor/v1/CallError.js';
import type { CancelCall as _xrouter_executor_v1_CancelCall, CancelCall__Output as _xrouter_executor_v1_CancelCall__Output } from './xrouter/executor/v1/CancelCall.js';
import type { ModelPrice as _xrouter_executor_v1_ModelPrice, ModelPrice__Output as _xrouter_executor_v1_ModelPrice__Output } from './xrouter/executor/v1/ModelPrice.js';
import type { ProviderCall as _xrouter_executor_v1_ProviderCall, ProviderCall__Output as _xrouter_executor_v1_ProviderCall__Output } from './xrouter/executor/v1/ProviderCall.js';
import type { ProviderDelta as _xrouter_executor_v1_ProviderDelta, ProviderDelta__Output as _xrouter_executor_v1_ProviderDelta__Output } from './xrouter/executor/v1/ProviderDelta.js';
import type { ProviderEvent as _xrouter_executor_v1_ProviderEvent, ProviderEvent__Output as _xrouter_executor_v1_ProviderEvent__Output } from './xrouter/executor/v1/ProviderEvent.js';
import type { ProviderResult as _xrouter_executor_v1_ProviderResult, ProviderResult__Output as _xrouter_executor_v1_ProviderResult__Output } from './xrouter/executor/v1/ProviderResult.js';
import type { RunStarted as _xrouter_executor_v1_RunStarted, RunStarted__Output as _xrouter_executor_v1_RunStarted__Output } from './xrouter/executor/v1/RunStarted.js';
import type { AuthenticateRequest as _xrouter_ledger_v1_AuthenticateRequest, AuthenticateRequest__Output as _xrouter_ledger_v1_AuthenticateRequest__Output } from './xrouter/ledger/v1/AuthenticateRequest.js';
import type { AuthenticateResponse as _xrouter_ledger_v1_AuthenticateResponse, AuthenticateResponse__Output as _xrouter_ledger_v1_AuthenticateResponse__Output } from './xrouter/ledger/v1/AuthenticateResponse.js';
import type { CallRecord as _xrouter_ledger_v1_CallRecord, CallRecord__Output as _xrouter_ledger_v1_CallRecord__Output } from './xrouter/ledger/v1/CallRecord.js';
import type { CheckRateLimitRequest as _xrouter_ledger_v1_CheckRateLimitRequest, CheckRateLimitRequest__Output as _xrouter_ledger_v1_CheckRateLimitRequest__Output } from './xrouter/ledger/v1/CheckRateLimitRequest.js';
import type { CheckRateLimitResponse as _xrouter_ledger_v1_CheckRateLimitResponse, CheckRateLimitResponse__Output as _xrouter_ledger_v1_CheckRateLimitResponse__Output } from './xrouter/ledger/v1/CheckRateLimitResponse.js';
import type { CreateKeyRequest as _xrouter_ledger_v1_CreateKeyRequest, CreateKeyRequest__Output as _xrouter_ledger_v1_CreateKeyRequest__Output } from './xrouter/ledger/v1/CreateKeyRequest.js';
import type { CreateKeyResponse as _xrouter_ledger_v1_CreateKeyResponse, CreateKeyResponse__Output as _xrouter_ledger_v1_CreateKeyResponse__Output } from './xrouter/ledger/v1/CreateKeyResponse.js';
import type { GetKeyRequest as _xrouter_ledger_v1_GetKeyRequest, GetKeyRequest__Output as _xrouter_ledger_v1_GetKeyRequest__Output } from './xrouter/ledger/v1/GetKeyRequest.js';
import type { GetKeyResponse as _xrouter_ledger_v1_GetKeyResponse, GetKeyResponse__Output as _xrouter_ledger_v1_GetKeyResponse__Output } from './xrouter/ledger/v1/GetKeyResponse.js';
import type { GetRequestRequest as _xrouter_ledger_v1_GetRequestRequest, GetRequestRequest__Output as _xrouter_ledger_v1_GetRequestRequest__Output } from './xrouter/ledger/v1/GetRequestRequest.js';
import type { GetRequestResponse as _xrouter_ledger_v1_GetRequestResponse, GetRequestResponse__Output as _xrouter_ledger_v1_GetRequestResponse__Output } from './xrouter/ledger/v1/GetRequestResponse.js';
import type { GetSpendRequest as _xrouter_ledger_v1_GetSpendRequest, GetSpendRequest__Output as _xrouter_ledger_v1_GetSpendRequest__Output } from './xrouter/ledger/v1/GetSpendRequest.js';
import type { GetSpendResponse as _xrouter_ledger_v1_GetSpendResponse, GetSpendResponse__Output as _xrouter_ledger_v1_GetSpendResponse__Output } from './xrouter/ledger/v1/GetSpendResponse.js';
import type { GrantBudgetLeaseRequest as _xrouter_ledger_v1_GrantBudgetLeaseRequest, GrantBudgetLeaseRequest__Output as _xrouter_ledger_v1_GrantBudgetLeaseRequest__Output } from './xrouter/ledger/v1/GrantBudgetLeaseRequest.js';
import type { GrantBudgetLeaseResponse as _xrouter_ledger_v1_GrantBudgetLeaseResponse, GrantBudgetLeaseResponse__Output as _xrouter_ledger_v1_GrantBudgetLeaseResponse__Output } from './xrouter/ledger/v1/GrantBudgetLeaseResponse.js';
import type { KeyInfo as _xrouter_ledger_v1_KeyInfo, KeyInfo__Output as _xrouter_ledger_v1_KeyInfo__Output } from './xrouter/ledger/v1/KeyInfo.js';
import type { LedgerServiceClient as _xrouter_ledger_v1_LedgerServiceClient, LedgerServiceDefinition as _xrouter_ledger_v1_LedgerServiceDefinition } from './xrouter/ledger/v1/LedgerService.js';
import type { ListKeysRequest as _xrouter_ledger_v1_ListKeysRequest, ListKeysRequest__Output as _xrouter_ledger_v1_ListKeysRequest__Output } from './xrouter/ledger/v1/ListKeysRequest.js';
import type { ListKeysResponse as _xrouter_ledger_v1_ListKeysResponse, ListKeysResponse__Output as _xrouter_ledger_v1_ListKeysResponse__Output } from './xrouter/ledger/v1/ListKeysResponse.js';
import type { RecordBatch as _xrouter_ledger_v1_RecordBatch, RecordBatch__Output as _xrouter_ledger_v1_RecordBatch__Output } from './xrouter/ledger/v1/RecordBatch.js';
import type { RecordCallRequest as _xrouter_ledger_v1_RecordCallRequest, RecordCallRequest__Output as _xrouter_ledger_v1_RecordCallRequest__Output } from './xrouter/ledger/v1/RecordCallRequest.js';
import type { RecordCallResponse as _xrouter_ledger_v1_RecordCallResponse, RecordCallResponse__Output as _xrouter_ledger_v1_RecordCallResponse__Output } from './xrouter/ledger/v1/RecordCallResponse.js';
import type { RecordCallsRequest as _xrouter_ledger_v1_RecordCallsRequest, RecordCallsRequest__Output as _xrouter_ledger_v1_RecordCallsRequest__Output } from './xrouter/ledger/v1/RecordCallsRequest.js';
import type { RecordCallsResponse as _xrouter_ledger_v1_RecordCallsResponse, RecordCallsResponse__Output as _xrouter_ledger_v1_RecordCallsResponse__Output } from './xrouter/ledger/v1/RecordCallsResponse.js';
import type { RecordRequestRequest as _xrouter_ledger_v1_RecordRequestRequest, RecordRequestRequest__Output as _xrouter_ledger_v1_RecordRequestRequest__Output } from './xrouter/ledger/v1/RecordRequestRequest.js';
import type { RecordRequestResponse as _xrouter_ledger_v1_RecordRequestResponse, RecordRequestResponse__Output as _xrouter_ledger_v1_RecordRequestResponse__Output } from './xrouter/ledger/v1/RecordRequestResponse.js';
import type { RecordRequestsRequest as _xrouter_ledger_v1_RecordRequestsRequest, RecordRequestsRequest__Output as _xrouter_ledger_v1_RecordRequestsRequest__Output } from './xrouter/ledger/v1/RecordRequestsRequest.js';
import type { RecordRequestsResponse as _xrouter_ledger_v1_RecordRequestsResponse, RecordRequestsResponse__Output as _xrouter_ledger_v1_RecordRequestsResponse__Output } from './xrouter/ledger/v1/RecordRequestsResponse.js';
import type { ReleaseRequest as _xrouter_ledger_v1_ReleaseRequest, ReleaseRequest__Output as _xrouter_ledger_v1_ReleaseRequest__Output } from './xrouter/ledger/v1/ReleaseRequest.js';
import type { ReleaseResponse as _xrouter_ledger_v1_ReleaseResponse, ReleaseResponse__Output as _xrouter_ledger_v1_ReleaseResponse__Output } from './xrouter/ledger/v1/ReleaseResponse.js';
import type { RequestRecord as _xrouter_ledger_v1_RequestRecord, RequestRecord__Output as _xrouter_ledger_v1_RequestRecord__Output } from './xrouter/ledger/v1/RequestRecord.js';
import type { ReserveRequest as _xrouter_ledger_v1_ReserveRequest, ReserveRequest__Output as _xrouter_ledger_v1_ReserveRequest__Output } from './xrouter/ledger/v1/ReserveRequest.js';
import type { ReserveResponse as _xrouter_ledger_v1_ReserveResponse, ReserveResponse__Output as _xrouter_ledger_v1_ReserveResponse__Output } from './xrouter/ledger/v1/ReserveResponse.js';
import type { ReturnBudgetLeaseRequest as _xrouter_ledger_v1_ReturnBudgetLeaseRequest, ReturnBudgetLeaseRequest__Output as _xrouter_ledger_v1_ReturnBudgetLeaseRequest__Output } from './xrouter/ledger/v1/ReturnBudgetLeaseRequest.js';
import type { ReturnBudgetLeaseResponse as _xrouter_ledger_v1_ReturnBudgetLeaseResponse, ReturnBudgetLeaseResponse__Output as _xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output } from './xrouter/ledger/v1/ReturnBudgetLeaseResponse.js';
import type { RevokeKeyRequest as _xrouter_ledger_v1_RevokeKeyRequest, RevokeKeyRequest__Output as _xrouter_ledger_v1_RevokeKeyRequest__Output } from './xrouter/ledger/v1/RevokeKeyRequest.js';
import type { RevokeKeyResponse as _xrouter_ledger_v1_RevokeKeyResponse, RevokeKeyResponse__Output as _xrouter_ledger_v1_RevokeKeyResponse__Output } from './xrouter/ledger/v1/RevokeKeyResponse.js';
import type { SettleRequest as _xrouter_ledger_v1_SettleRequest, SettleRequest__Output as _xrouter_ledger_v1_SettleRequest__Output } from './xrouter/ledger/v1/SettleRequest.js';
import type { SettleResponse as _xrouter_ledger_v1_SettleResponse, SettleResponse__Output as _xrouter_ledger_v1_SettleResponse__Output } from './xrouter/ledger/v1/SettleResponse.js';
import type { ShrinkReservationRequest as _xrouter_ledger_v1_ShrinkReservationRequest, ShrinkReservationRequest__Output as _xrouter_ledger_v1_ShrinkReservationRequest__Output } from './xrouter/ledger/v1/ShrinkReservationRequest.js';
import type { ShrinkReservationResponse as _xrouter_ledger_v1_ShrinkReservationResponse, ShrinkReservationResponse__Output as _xrouter_ledger_v1_ShrinkReservationResponse__Output } from './xrouter/ledger/v1/ShrinkReservationResponse.js';
import type { SpendRow as _xrouter_ledger_v1_SpendRow, SpendRow__Output as _xrouter_ledger_v1_SpendRow__Output } from './xrouter/ledger/v1/SpendRow.js';
import type { UpdateKeyRequest as _xrouter_ledger_v1_UpdateKeyRequest, UpdateKeyRequest__Output as _xrouter_ledger_v1_UpdateKeyRequest__Output } from './xrouter/ledger/v1/UpdateKeyRequest.js';
import type { UpdateKeyResponse as _xrouter_ledger_v1_UpdateKeyResponse, UpdateKeyResponse__Output as _xrouter_ledger_v1_UpdateKeyResponse__Output } from './xrouter/ledger/v1/UpdateKeyResponse.js';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  xrouter: {
    chat: {
      v1: {
        ChatMessage: MessageTypeDefinition<_xrouter_chat_v1_ChatMessage, _xrouter_chat_v1_ChatMessage__Output>
        SamplingParams: MessageTypeDefinition<_xrouter_chat_v1_SamplingParams, _xrouter_chat_v1_SamplingParams__Output>
        ToolCall: MessageTypeDefinition<_xrouter_chat_v1_ToolCall, _xrouter_chat_v1_ToolCall__Output>
        Usage: MessageTypeDefinition<_xrouter_chat_v1_Usage, _xrouter_chat_v1_Usage__Output>
      }
    }
    executor: {
      v1: {
        CallError: MessageTypeDefinition<_xrouter_executor_v1_CallError, _xrouter_executor_v1_CallError__Output>
        CallStatus: EnumTypeDefinition
        CancelCall: MessageTypeDefinition<_xrouter_executor_v1_CancelCall, _xrouter_executor_v1_CancelCall__Output>
        ModelPrice: MessageTypeDefinition<_xrouter_executor_v1_ModelPrice, _xrouter_executor_v1_ModelPrice__Output>
        ProviderCall: MessageTypeDefinition<_xrouter_executor_v1_ProviderCall, _xrouter_executor_v1_ProviderCall__Output>
        ProviderDelta: MessageTypeDefinition<_xrouter_executor_v1_ProviderDelta, _xrouter_executor_v1_ProviderDelta__Output>
        ProviderEvent: MessageTypeDefinition<_xrouter_executor_v1_ProviderEvent, _xrouter_executor_v1_ProviderEvent__Output>
        ProviderResult: MessageTypeDefinition<_xrouter_executor_v1_ProviderResult, _xrouter_executor_v1_ProviderResult__Output>
        RunStarted: MessageTypeDefinition<_xrouter_executor_v1_RunStarted, _xrouter_executor_v1_RunStarted__Output>
      }
    }
    ledger: {
      v1: {
        AuthenticateRequest: MessageTypeDefinition<_xrouter_ledger_v1_AuthenticateRequest, _xrouter_ledger_v1_AuthenticateRequest__Output>
        AuthenticateResponse: MessageTypeDefinition<_xrouter_ledger_v1_AuthenticateResponse, _xrouter_ledger_v1_AuthenticateResponse__Output>
        CallRecord: MessageTypeDefinition<_xrouter_ledger_v1_CallRecord, _xrouter_ledger_v1_CallRecord__Output>
        CheckRateLimitRequest: MessageTypeDefinition<_xrouter_ledger_v1_CheckRateLimitRequest, _xrouter_ledger_v1_CheckRateLimitRequest__Output>
        CheckRateLimitResponse: MessageTypeDefinition<_xrouter_ledger_v1_CheckRateLimitResponse, _xrouter_ledger_v1_CheckRateLimitResponse__Output>
        CreateKeyRequest: MessageTypeDefinition<_xrouter_ledger_v1_CreateKeyRequest, _xrouter_ledger_v1_CreateKeyRequest__Output>
        CreateKeyResponse: MessageTypeDefinition<_xrouter_ledger_v1_CreateKeyResponse, _xrouter_ledger_v1_CreateKeyResponse__Output>
        GetKeyRequest: MessageTypeDefinition<_xrouter_ledger_v1_GetKeyRequest, _xrouter_ledger_v1_GetKeyRequest__Output>
        GetKeyResponse: MessageTypeDefinition<_xrouter_ledger_v1_GetKeyResponse, _xrouter_ledger_v1_GetKeyResponse__Output>
        GetRequestRequest: MessageTypeDefinition<_xrouter_ledger_v1_GetRequestRequest, _xrouter_ledger_v1_GetRequestRequest__Output>
        GetRequestResponse: MessageTypeDefinition<_xrouter_ledger_v1_GetRequestResponse, _xrouter_ledger_v1_GetRequestResponse__Output>
        GetSpendRequest: MessageTypeDefinition<_xrouter_ledger_v1_GetSpendRequest, _xrouter_ledger_v1_GetSpendRequest__Output>
        GetSpendResponse: MessageTypeDefinition<_xrouter_ledger_v1_GetSpendResponse, _xrouter_ledger_v1_GetSpendResponse__Output>
        GrantBudgetLeaseRequest: MessageTypeDefinition<_xrouter_ledger_v1_GrantBudgetLeaseRequest, _xrouter_ledger_v1_GrantBudgetLeaseRequest__Output>
        GrantBudgetLeaseResponse: MessageTypeDefinition<_xrouter_ledger_v1_GrantBudgetLeaseResponse, _xrouter_ledger_v1_GrantBudgetLeaseResponse__Output>
        KeyInfo: MessageTypeDefinition<_xrouter_ledger_v1_KeyInfo, _xrouter_ledger_v1_KeyInfo__Output>
        LedgerService: SubtypeConstructor<typeof grpc.Client, _xrouter_ledger_v1_LedgerServiceClient> & { service: _xrouter_ledger_v1_LedgerServiceDefinition }
        ListKeysRequest: MessageTypeDefinition<_xrouter_ledger_v1_ListKeysRequest, _xrouter_ledger_v1_ListKeysRequest__Output>
        ListKeysResponse: MessageTypeDefinition<_xrouter_ledger_v1_ListKeysResponse, _xrouter_ledger_v1_ListKeysResponse__Output>
        RecordBatch: MessageTypeDefinition<_xrouter_ledger_v1_RecordBatch, _xrouter_ledger_v1_RecordBatch__Output>
        RecordCallRequest: MessageTypeDefinition<_xrouter_ledger_v1_RecordCallRequest, _xrouter_ledger_v1_RecordCallRequest__Output>
        RecordCallResponse: MessageTypeDefinition<_xrouter_ledger_v1_RecordCallResponse, _xrouter_ledger_v1_RecordCallResponse__Output>
        RecordCallsRequest: MessageTypeDefinition<_xrouter_ledger_v1_RecordCallsRequest, _xrouter_ledger_v1_RecordCallsRequest__Output>
        RecordCallsResponse: MessageTypeDefinition<_xrouter_ledger_v1_RecordCallsResponse, _xrouter_ledger_v1_RecordCallsResponse__Output>
        RecordRequestRequest: MessageTypeDefinition<_xrouter_ledger_v1_RecordRequestRequest, _xrouter_ledger_v1_RecordRequestRequest__Output>
        RecordRequestResponse: MessageTypeDefinition<_xrouter_ledger_v1_RecordRequestResponse, _xrouter_ledger_v1_RecordRequestResponse__Output>
        RecordRequestsRequest: MessageTypeDefinition<_xrouter_ledger_v1_RecordRequestsRequest, _xrouter_ledger_v1_RecordRequestsRequest__Output>
        RecordRequestsResponse: MessageTypeDefinition<_xrouter_ledger_v1_RecordRequestsResponse, _xrouter_ledger_v1_RecordRequestsResponse__Output>
        ReleaseRequest: MessageTypeDefinition<_xrouter_ledger_v1_ReleaseRequest, _xrouter_ledger_v1_ReleaseRequest__Output>
        ReleaseResponse: MessageTypeDefinition<_xrouter_ledger_v1_ReleaseResponse, _xrouter_ledger_v1_ReleaseResponse__Output>
        RequestRecord: MessageTypeDefinition<_xrouter_ledger_v1_RequestRecord, _xrouter_ledger_v1_RequestRecord__Output>
        ReserveRequest: MessageTypeDefinition<_xrouter_ledger_v1_ReserveRequest, _xrouter_ledger_v1_ReserveRequest__Output>
        ReserveResponse: MessageTypeDefinition<_xrouter_ledger_v1_ReserveResponse, _xrouter_ledger_v1_ReserveResponse__Output>
        ReturnBudgetLeaseRequest: MessageTypeDefinition<_xrouter_ledger_v1_ReturnBudgetLeaseRequest, _xrouter_ledger_v1_ReturnBudgetLeaseRequest__Output>
        ReturnBudgetLeaseResponse: MessageTypeDefinition<_xrouter_ledger_v1_ReturnBudgetLeaseResponse, _xrouter_ledger_v1_ReturnBudgetLeaseResponse__Output>
        RevokeKeyRequest: MessageTypeDefinition<_xrouter_ledger_v1_RevokeKeyRequest, _xrouter_ledger_v1_RevokeKeyRequest__Output>
        RevokeKeyResponse: MessageTypeDefinition<_xrouter_ledger_v1_RevokeKeyResponse, _xrouter_ledger_v1_RevokeKeyResponse__Output>
        SettleRequest: MessageTypeDefinition<_xrouter_ledger_v1_SettleRequest, _xrouter_ledger_v1_SettleRequest__Output>
        SettleResponse: MessageTypeDefinition<_xrouter_ledger_v1_SettleResponse, _xrouter_ledger_v1_SettleResponse__Output>
        ShrinkReservationRequest: MessageTypeDefinition<_xrouter_ledger_v1_ShrinkReservationRequest, _xrouter_ledger_v1_ShrinkReservationRequest__Output>
        ShrinkReservationResponse: MessageTypeDefinition<_xrouter_ledger_v1_ShrinkReservationResponse, _xrouter_ledger_v1_ShrinkReservationResponse__Output>
        SpendRow: MessageTypeDefinition<_xrouter_ledger_v1_SpendRow, _xrouter_ledger_v1_SpendRow__Output>
        UpdateKeyRequest: MessageTypeDefinition<_xrouter_ledger_v1_UpdateKeyRequest, _xrouter_ledger_v1_UpdateKeyRequest__Output>
        UpdateKeyResponse: MessageTypeDefinition<_xrouter_ledger_v1_UpdateKeyResponse, _xrouter_ledger_v1_UpdateKeyResponse__Output>
      }
    }
  }
}

