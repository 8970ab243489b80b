// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface CheckRateLimitRequest {
  'key_id'?: (string);
  /**
   * what this request counts against the tokens-per-minute limit
   */
  'tokens'?: (number | string | Long);
}

export interface CheckRateLimitRequest__Output {
  'key_id': (string);
  /**
   * what this request counts against the tokens-per-minute limit
   */
  'tokens': (number);
}
