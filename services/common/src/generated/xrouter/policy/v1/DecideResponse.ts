// Original file: protos/xrouter/policy/v1/policy.proto

import type { DirectAnswer as _xrouter_policy_v1_DirectAnswer, DirectAnswer__Output as _xrouter_policy_v1_DirectAnswer__Output } from '../../../xrouter/policy/v1/DirectAnswer.js';
import type { CallModels as _xrouter_policy_v1_CallModels, CallModels__Output as _xrouter_policy_v1_CallModels__Output } from '../../../xrouter/policy/v1/CallModels.js';
import type { SelectResponse as _xrouter_policy_v1_SelectResponse, SelectResponse__Output as _xrouter_policy_v1_SelectResponse__Output } from '../../../xrouter/policy/v1/SelectResponse.js';
import type { Usage as _xrouter_chat_v1_Usage, Usage__Output as _xrouter_chat_v1_Usage__Output } from '../../../xrouter/chat/v1/Usage.js';
import type { Long } from '@grpc/proto-loader';

export interface DecideResponse {
  'answer'?: (_xrouter_policy_v1_DirectAnswer | null);
  'call'?: (_xrouter_policy_v1_CallModels | null);
  'select'?: (_xrouter_policy_v1_SelectResponse | null);
  /**
   * the backend that decided
   */
  'policy'?: (string);
  'routing_strategy'?: (string);
  'router_usage'?: (_xrouter_chat_v1_Usage | null);
  'router_cost_nanousd'?: (number | string | Long);
  'rationale'?: (string);
  'action'?: "answer"|"call"|"select";
}

export interface DecideResponse__Output {
  'answer'?: (_xrouter_policy_v1_DirectAnswer__Output | null);
  'call'?: (_xrouter_policy_v1_CallModels__Output | null);
  'select'?: (_xrouter_policy_v1_SelectResponse__Output | null);
  /**
   * the backend that decided
   */
  'policy': (string);
  'routing_strategy': (string);
  'router_usage': (_xrouter_chat_v1_Usage__Output | null);
  'router_cost_nanousd': (number);
  'rationale': (string);
  'action'?: "answer"|"call"|"select";
}
