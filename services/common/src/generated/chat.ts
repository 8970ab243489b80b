import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ChatMessage as _xrouter_chat_v1_ChatMessage, ChatMessage__Output as _xrouter_chat_v1_ChatMessage__Output } from './xrouter/chat/v1/ChatMessage.js';
import type { SamplingParams as _xrouter_chat_v1_SamplingParams, SamplingParams__Output as _xrouter_chat_v1_SamplingParams__Output } from './xrouter/chat/v1/SamplingParams.js';
import type { ToolCall as _xrouter_chat_v1_ToolCall, ToolCall__Output as _xrouter_chat_v1_ToolCall__Output } from './xrouter/chat/v1/ToolCall.js';
import type { Usage as _xrouter_chat_v1_Usage, Usage__Output as _xrouter_chat_v1_Usage__Output } from './xrouter/chat/v1/Usage.js';

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
  }
}

