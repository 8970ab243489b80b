// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface RequestRecord {
  'request_id'?: (string);
  'tenant_id'?: (string);
  'key_id'?: (string);
  'routing_strategy'?: (string);
  'policy'?: (string);
  'model_used'?: (string);
  'turns'?: (number);
  'total_cost_nanousd'?: (number | string | Long);
  'router_cost_nanousd'?: (number | string | Long);
  /**
   * ok | error
   */
  'status'?: (string);
  'http_status'?: (number);
  'latency_ms'?: (number | string | Long);
  'created_unix_ms'?: (number | string | Long);
  'error_code'?: (string);
}

export interface RequestRecord__Output {
  'request_id': (string);
  'tenant_id': (string);
  'key_id': (string);
  'routing_strategy': (string);
  'policy': (string);
  'model_used': (string);
  'turns': (number);
  'total_cost_nanousd': (number);
  'router_cost_nanousd': (number);
  /**
   * ok | error
   */
  'status': (string);
  'http_status': (number);
  'latency_ms': (number);
  'created_unix_ms': (number);
  'error_code': (string);
}
