// Original file: protos/xrouter/executor/v1/calls.proto


export interface CallError {
  /**
   * e.g. provider_rate_limited, provider_bad_request, provider_unreachable
   */
  'code'?: (string);
  /**
   * safe to show to the client
   */
  'message'?: (string);
  'upstream_status'?: (number);
  'retryable'?: (boolean);
}

export interface CallError__Output {
  /**
   * e.g. provider_rate_limited, provider_bad_request, provider_unreachable
   */
  'code': (string);
  /**
   * safe to show to the client
   */
  'message': (string);
  'upstream_status': (number);
  'retryable': (boolean);
}
