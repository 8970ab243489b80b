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
}
