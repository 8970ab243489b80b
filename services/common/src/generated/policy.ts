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
import type { CallModels as _xrouter_policy_v1_CallModels, CallModels__Output as _xrouter_policy_v1_CallModels__Output } from './xrouter/policy/v1/CallModels.js';
import type { CallOutcome as _xrouter_policy_v1_CallOutcome, CallOutcome__Output as _xrouter_policy_v1_CallOutcome__Output } from './xrouter/policy/v1/CallOutcome.js';
import type { Candidate as _xrouter_policy_v1_Candidate, Candidate__Output as _xrouter_policy_v1_Candidate__Output } from './xrouter/policy/v1/Candidate.js';
import type { DecideRequest as _xrouter_policy_v1_DecideRequest, DecideRequest__Output as _xrouter_policy_v1_DecideRequest__Output } from './xrouter/policy/v1/DecideRequest.js';
import type { DecideResponse as _xrouter_policy_v1_DecideResponse, DecideResponse__Output as _xrouter_policy_v1_DecideResponse__Output } from './xrouter/policy/v1/DecideResponse.js';
import type { DirectAnswer as _xrouter_policy_v1_DirectAnswer, DirectAnswer__Output as _xrouter_policy_v1_DirectAnswer__Output } from './xrouter/policy/v1/DirectAnswer.js';
import type { ModelCall as _xrouter_policy_v1_ModelCall, ModelCall__Output as _xrouter_policy_v1_ModelCall__Output } from './xrouter/policy/v1/ModelCall.js';
import type { PolicyServiceClient as _xrouter_policy_v1_PolicyServiceClient, PolicyServiceDefinition as _xrouter_policy_v1_PolicyServiceDefinition } from './xrouter/policy/v1/PolicyService.js';
import type { RoutingHints as _xrouter_policy_v1_RoutingHints, RoutingHints__Output as _xrouter_policy_v1_RoutingHints__Output } from './xrouter/policy/v1/RoutingHints.js';
import type { SelectResponse as _xrouter_policy_v1_SelectResponse, SelectResponse__Output as _xrouter_policy_v1_SelectResponse__Output } from './xrouter/policy/v1/SelectResponse.js';

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
    policy: {
      v1: {
        CallModels: MessageTypeDefinition<_xrouter_policy_v1_CallModels, _xrouter_policy_v1_CallModels__Output>
        CallOutcome: MessageTypeDefinition<_xrouter_policy_v1_CallOutcome, _xrouter_policy_v1_CallOutcome__Output>
        Candidate: MessageTypeDefinition<_xrouter_policy_v1_Candidate, _xrouter_policy_v1_Candidate__Output>
        DecideRequest: MessageTypeDefinition<_xrouter_policy_v1_DecideRequest, _xrouter_policy_v1_DecideRequest__Output>
        DecideResponse: MessageTypeDefinition<_xrouter_policy_v1_DecideResponse, _xrouter_policy_v1_DecideResponse__Output>
        DirectAnswer: MessageTypeDefinition<_xrouter_policy_v1_DirectAnswer, _xrouter_policy_v1_DirectAnswer__Output>
        ModelCall: MessageTypeDefinition<_xrouter_policy_v1_ModelCall, _xrouter_policy_v1_ModelCall__Output>
        PolicyService: SubtypeConstructor<typeof grpc.Client, _xrouter_policy_v1_PolicyServiceClient> & { service: _xrouter_policy_v1_PolicyServiceDefinition }
        RoutingHints: MessageTypeDefinition<_xrouter_policy_v1_RoutingHints, _xrouter_policy_v1_RoutingHints__Output>
        SelectResponse: MessageTypeDefinition<_xrouter_policy_v1_SelectResponse, _xrouter_policy_v1_SelectResponse__Output>
      }
    }
  }
}

