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
  }
}

