// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface ReserveRequest {
  /**
   * the call id
   */
  'reservation_id'?: (string);
  'key_id'?: (string);
  'request_id'?: (string);
  /**
   * worst-case cost of the call
   */
  'amount_nanousd'?: (number | string | Long);
  'model_id'?: (string);
}

export interface ReserveRequest__Output {
  /**
   * the call id
   */
  'reservation_id': (string);
  'key_id': (string);
  'request_id': (string);
  /**
   * worst-case cost of the call
   */
  'amount_nanousd': (number);
  'model_id': (string);
}
