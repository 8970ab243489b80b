// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

/**
 * One window of 60 s per key, opened by the first request after the previous one ended; requests
 * and tokens share it, so both resets are the same instant.
 */
export interface CheckRateLimitResponse {
  'allowed'?: (boolean);
  /**
   * 0: no request limit
   */
  'limit_requests'?: (number);
  'remaining_requests'?: (number);
  /**
   * 0: no token limit
   */
  'limit_tokens'?: (number | string | Long);
  'remaining_tokens'?: (number | string | Long);
  /**
   * until the window ends and both limits are whole again
   */
  'reset_ms'?: (number | string | Long);
  /**
   * when not allowed
   */
  'denied_reason'?: (string);
}

/**
 * One window of 60 s per key, opened by the first request after the previous one ended; requests
 * and tokens share it, so both resets are the same instant.
 */
export interface CheckRateLimitResponse__Output {
  'allowed': (boolean);
  /**
   * 0: no request limit
   */
  'limit_requests': (number);
  'remaining_requests': (number);
  /**
   * 0: no token limit
   */
  'limit_tokens': (number);
  'remaining_tokens': (number);
  /**
   * until the window ends and both limits are whole again
   */
  'reset_ms': (number);
  /**
   * when not allowed
   */
  'denied_reason': (string);
}
