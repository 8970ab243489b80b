// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Turns a reservation into spend at its real amount, for costs that have no provider-call
 * record (the router LLM's own tokens). Provider calls are settled by RecordCall instead.
 */
export interface SettleRequest {
  'reservation_id'?: (string);
  'amount_nanousd'?: (number | string | Long);
}

/**
 * Turns a reservation into spend at its real amount, for costs that have no provider-call
 * record (the router LLM's own tokens). Provider calls are settled by RecordCall instead.
 */
export interface SettleRequest__Output {
  'reservation_id': (string);
  'amount_nanousd': (number);
}
