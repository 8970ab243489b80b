// Original file: protos/xrouter/executor/v1/calls.proto


/**
 * Published on core NATS `<prefix>.cancel.<call_id>` when the caller gave up (a client that
 * disconnected from a stream): the executor aborts the upstream call and bills what was seen.
 */
export interface CancelCall {
  'call_id'?: (string);
  'reason'?: (string);
}

/**
 * Published on core NATS `<prefix>.cancel.<call_id>` when the caller gave up (a client that
 * disconnected from a stream): the executor aborts the upstream call and bills what was seen.
 */
export interface CancelCall__Output {
  'call_id': (string);
  'reason': (string);
}
