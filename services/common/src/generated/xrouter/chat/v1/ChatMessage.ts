// Original file: protos/xrouter/chat/v1/chat.proto

import type { ToolCall as _xrouter_chat_v1_ToolCall, ToolCall__Output as _xrouter_chat_v1_ToolCall__Output } from '../../../xrouter/chat/v1/ToolCall.js';

export interface ChatMessage {
  /**
   * system | developer | user | assistant | tool
   */
  'role'?: (string);
  /**
   * the text (array content: its text parts joined)
   */
  'content'?: (string);
  /**
   * the original array content when it is not plain text
   */
  'content_parts_json'?: (string);
  'name'?: (string);
  'tool_call_id'?: (string);
  'tool_calls'?: (_xrouter_chat_v1_ToolCall)[];
}

export interface ChatMessage__Output {
  /**
   * system | developer | user | assistant | tool
   */
  'role': (string);
  /**
   * the text (array content: its text parts joined)
   */
  'content': (string);
  /**
   * the original array content when it is not plain text
   */
  'content_parts_json': (string);
  'name': (string);
  'tool_call_id': (string);
  'tool_calls': (_xrouter_chat_v1_ToolCall__Output)[];
}
