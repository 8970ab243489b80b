// Original file: protos/xrouter/executor/v1/calls.proto


/**
 * Streaming text as it arrives (streaming has its own issue; the shape is fixed here).
 */
export interface ProviderDelta {
  'call_id'?: (string);
  'index'?: (number);
  'content'?: (string);
}

/**
 * Streaming text as it arrives (streaming has its own issue; the shape is fixed here).
 */
export interface ProviderDelta__Output {
  'call_id': (string);
  'index': (number);
  'content': (string);
}
