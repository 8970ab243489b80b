// Original file: protos/xrouter/executor/v1/calls.proto

import type { CallStatus as _xrouter_executor_v1_CallStatus, CallStatus__Output as _xrouter_executor_v1_CallStatus__Output } from '../../../xrouter/executor/v1/CallStatus.js';
import type { ToolCall as _xrouter_chat_v1_ToolCall, ToolCall__Output as _xrouter_chat_v1_ToolCall__Output } from '../../../xrouter/chat/v1/ToolCall.js';
import type { Usage as _xrouter_chat_v1_Usage, Usage__Output as _xrouter_chat_v1_Usage__Output } from '../../../xrouter/chat/v1/Usage.js';
import type { CallError as _xrouter_executor_v1_CallError, CallError__Output as _xrouter_executor_v1_CallError__Output } from '../../../xrouter/executor/v1/CallError.js';
import type { Long } from '@grpc/proto-loader';

export interface ProviderResult {
  'call_id'?: (string);
  'request_id'?: (string);
  'model_id'?: (string);
  'provider'?: (string);
  'status'?: (_xrouter_executor_v1_CallStatus);
  'content'?: (string);
  'tool_calls'?: (_xrouter_chat_v1_ToolCall)[];
  'finish_reason'?: (string);
  'usage'?: (_xrouter_chat_v1_Usage | null);
  'cost_nanousd'?: (number | string | Long);
  'latency_ms'?: (number | string | Long);
  'attempts'?: (number);
  'error'?: (_xrouter_executor_v1_CallError | null);
  'executor_id'?: (string);
  /**
   * the model name the provider reported
   */
  'response_model'?: (string);
  /**
   * produced by the simulated provider, not a real model
   */
  'simulated'?: (boolean);
  /**
   * The delivery of the call that ran the provider for this result; a replay of the stored result
   * keeps it, so the ledger tells a replay (same execution) from a second run (a new one).
   */
  'execution'?: (number);
}

export interface ProviderResult__Output {
  'call_id': (string);
  'request_id': (string);
  'model_id': (string);
  'provider': (string);
  'status': (_xrouter_executor_v1_CallStatus__Output);
  'content': (string);
  'tool_calls': (_xrouter_chat_v1_ToolCall__Output)[];
  'finish_reason': (string);
  'usage': (_xrouter_chat_v1_Usage__Output | null);
  'cost_nanousd': (number);
  'latency_ms': (number);
  'attempts': (number);
  'error': (_xrouter_executor_v1_CallError__Output | null);
  'executor_id': (string);
  /**
   * the model name the provider reported
   */
  'response_model': (string);
  /**
   * produced by the simulated provider, not a real model
   */
  'simulated': (boolean);
  /**
   * The delivery of the call that ran the provider for this result; a replay of the stored result
   * keeps it, so the ledger tells a replay (same execution) from a second run (a new one).
   */
  'execution': (number);
}
