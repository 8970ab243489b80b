// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { CallStatus as _xrouter_executor_v1_CallStatus, CallStatus__Output as _xrouter_executor_v1_CallStatus__Output } from '../../../xrouter/executor/v1/CallStatus.js';
import type { Usage as _xrouter_chat_v1_Usage, Usage__Output as _xrouter_chat_v1_Usage__Output } from '../../../xrouter/chat/v1/Usage.js';
import type { Long } from '@grpc/proto-loader';

export interface CallRecord {
  'call_id'?: (string);
  'request_id'?: (string);
  'tenant_id'?: (string);
  'key_id'?: (string);
  'model_id'?: (string);
  'provider'?: (string);
  'status'?: (_xrouter_executor_v1_CallStatus);
  'usage'?: (_xrouter_chat_v1_Usage | null);
  'cost_nanousd'?: (number | string | Long);
  'latency_ms'?: (number | string | Long);
  'attempts'?: (number);
  'error_code'?: (string);
  'executor_id'?: (string);
  'created_unix_ms'?: (number | string | Long);
  /**
   * Which run of the call this record bills: the delivery of the call that sent it to the provider
   * (0 reads as 1). A call redelivered while its first run was still going (its lease ran out) can
   * reach the provider twice, and each run is billed; a record is unique on (call_id, execution).
   */
  'execution'?: (number);
  /**
   * The budget lease the call was taken from (ProviderCall.budget_lease_id); recording the call
   * lowers the lease's hold by the cost, as its spend now counts instead.
   */
  'budget_lease_id'?: (string);
}

export interface CallRecord__Output {
  'call_id': (string);
  'request_id': (string);
  'tenant_id': (string);
  'key_id': (string);
  'model_id': (string);
  'provider': (string);
  'status': (_xrouter_executor_v1_CallStatus__Output);
  'usage': (_xrouter_chat_v1_Usage__Output | null);
  'cost_nanousd': (number);
  'latency_ms': (number);
  'attempts': (number);
  'error_code': (string);
  'executor_id': (string);
  'created_unix_ms': (number);
  /**
   * Which run of the call this record bills: the delivery of the call that sent it to the provider
   * (0 reads as 1). A call redelivered while its first run was still going (its lease ran out) can
   * reach the provider twice, and each run is billed; a record is unique on (call_id, execution).
   */
  'execution': (number);
  /**
   * The budget lease the call was taken from (ProviderCall.budget_lease_id); recording the call
   * lowers the lease's hold by the cost, as its spend now counts instead.
   */
  'budget_lease_id': (string);
}
