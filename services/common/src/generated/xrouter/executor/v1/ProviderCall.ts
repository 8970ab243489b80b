// Original file: protos/xrouter/executor/v1/calls.proto

import type { ChatMessage as _xrouter_chat_v1_ChatMessage, ChatMessage__Output as _xrouter_chat_v1_ChatMessage__Output } from '../../../xrouter/chat/v1/ChatMessage.js';
import type { SamplingParams as _xrouter_chat_v1_SamplingParams, SamplingParams__Output as _xrouter_chat_v1_SamplingParams__Output } from '../../../xrouter/chat/v1/SamplingParams.js';
import type { ModelPrice as _xrouter_executor_v1_ModelPrice, ModelPrice__Output as _xrouter_executor_v1_ModelPrice__Output } from '../../../xrouter/executor/v1/ModelPrice.js';
import type { Long } from '@grpc/proto-loader';

export interface ProviderCall {
  /**
   * idempotency key: JetStream msg id, ledger call id, reservation id
   */
  'call_id'?: (string);
  'request_id'?: (string);
  'tenant_id'?: (string);
  'key_id'?: (string);
  /**
   * catalog id
   */
  'model_id'?: (string);
  /**
   * adapter name: openai, together, gemini, anthropic, simulated, replay ...
   */
  'provider'?: (string);
  /**
   * the provider's own model name
   */
  'upstream_model'?: (string);
  'messages'?: (_xrouter_chat_v1_ChatMessage)[];
  'params'?: (_xrouter_chat_v1_SamplingParams | null);
  /**
   * the price the gateway reserved against; the executor bills with it
   */
  'price'?: (_xrouter_executor_v1_ModelPrice | null);
  'reply_subject'?: (string);
  'deadline_unix_ms'?: (number | string | Long);
  'stream'?: (boolean);
  /**
   * The gateway's budget lease the call's worst case was taken from (empty: the call has a
   * reservation of its own, under its call id, or no budget applies). Its records name it, so the
   * ledger draws the lease's hold down by what they bill.
   */
  'budget_lease_id'?: (string);
}

export interface ProviderCall__Output {
  /**
   * idempotency key: JetStream msg id, ledger call id, reservation id
   */
  'call_id': (string);
  'request_id': (string);
  'tenant_id': (string);
  'key_id': (string);
  /**
   * catalog id
   */
  'model_id': (string);
  /**
   * adapter name: openai, together, gemini, anthropic, simulated, replay ...
   */
  'provider': (string);
  /**
   * the provider's own model name
   */
  'upstream_model': (string);
  'messages': (_xrouter_chat_v1_ChatMessage__Output)[];
  'params': (_xrouter_chat_v1_SamplingParams__Output | null);
  /**
   * the price the gateway reserved against; the executor bills with it
   */
  'price': (_xrouter_executor_v1_ModelPrice__Output | null);
  'reply_subject': (string);
  'deadline_unix_ms': (number);
  'stream': (boolean);
  /**
   * The gateway's budget lease the call's worst case was taken from (empty: the call has a
   * reservation of its own, under its call id, or no budget applies). Its records name it, so the
   * ledger draws the lease's hold down by what they bill.
   */
  'budget_lease_id': (string);
}
