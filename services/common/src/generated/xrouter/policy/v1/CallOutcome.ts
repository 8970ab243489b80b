// Original file: protos/xrouter/policy/v1/policy.proto

import type { CallStatus as _xrouter_executor_v1_CallStatus, CallStatus__Output as _xrouter_executor_v1_CallStatus__Output } from '../../../xrouter/executor/v1/CallStatus.js';
import type { Usage as _xrouter_chat_v1_Usage, Usage__Output as _xrouter_chat_v1_Usage__Output } from '../../../xrouter/chat/v1/Usage.js';
import type { Long } from '@grpc/proto-loader';

export interface CallOutcome {
  'call_id'?: (string);
  'model_id'?: (string);
  'turn'?: (number);
  'status'?: (_xrouter_executor_v1_CallStatus);
  'content'?: (string);
  'usage'?: (_xrouter_chat_v1_Usage | null);
  'cost_nanousd'?: (number | string | Long);
  'error_message'?: (string);
  /**
   * what the policy asked for, so an LLM policy can replay its own turn
   */
  'system_prompt'?: (string);
  'temperature'?: (number | string);
  '_temperature'?: "temperature";
}

export interface CallOutcome__Output {
  'call_id': (string);
  'model_id': (string);
  'turn': (number);
  'status': (_xrouter_executor_v1_CallStatus__Output);
  'content': (string);
  'usage': (_xrouter_chat_v1_Usage__Output | null);
  'cost_nanousd': (number);
  'error_message': (string);
  /**
   * what the policy asked for, so an LLM policy can replay its own turn
   */
  'system_prompt': (string);
  'temperature'?: (number);
  '_temperature'?: "temperature";
}
