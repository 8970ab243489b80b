// Original file: protos/xrouter/policy/v1/policy.proto

import type { ChatMessage as _xrouter_chat_v1_ChatMessage, ChatMessage__Output as _xrouter_chat_v1_ChatMessage__Output } from '../../../xrouter/chat/v1/ChatMessage.js';
import type { Candidate as _xrouter_policy_v1_Candidate, Candidate__Output as _xrouter_policy_v1_Candidate__Output } from '../../../xrouter/policy/v1/Candidate.js';
import type { RoutingHints as _xrouter_policy_v1_RoutingHints, RoutingHints__Output as _xrouter_policy_v1_RoutingHints__Output } from '../../../xrouter/policy/v1/RoutingHints.js';
import type { CallOutcome as _xrouter_policy_v1_CallOutcome, CallOutcome__Output as _xrouter_policy_v1_CallOutcome__Output } from '../../../xrouter/policy/v1/CallOutcome.js';
import type { SamplingParams as _xrouter_chat_v1_SamplingParams, SamplingParams__Output as _xrouter_chat_v1_SamplingParams__Output } from '../../../xrouter/chat/v1/SamplingParams.js';
import type { Long } from '@grpc/proto-loader';

export interface DecideRequest {
  'request_id'?: (string);
  /**
   * 1-based
   */
  'turn'?: (number);
  'max_turns'?: (number);
  'messages'?: (_xrouter_chat_v1_ChatMessage)[];
  'candidates'?: (_xrouter_policy_v1_Candidate)[];
  /**
   * absent: no budget applies
   */
  'remaining_budget_nanousd'?: (number | string | Long);
  'hints'?: (_xrouter_policy_v1_RoutingHints | null);
  /**
   * every call made so far, in order
   */
  'outcomes'?: (_xrouter_policy_v1_CallOutcome)[];
  'params'?: (_xrouter_chat_v1_SamplingParams | null);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}

export interface DecideRequest__Output {
  'request_id': (string);
  /**
   * 1-based
   */
  'turn': (number);
  'max_turns': (number);
  'messages': (_xrouter_chat_v1_ChatMessage__Output)[];
  'candidates': (_xrouter_policy_v1_Candidate__Output)[];
  /**
   * absent: no budget applies
   */
  'remaining_budget_nanousd'?: (number);
  'hints': (_xrouter_policy_v1_RoutingHints__Output | null);
  /**
   * every call made so far, in order
   */
  'outcomes': (_xrouter_policy_v1_CallOutcome__Output)[];
  'params': (_xrouter_chat_v1_SamplingParams__Output | null);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}
