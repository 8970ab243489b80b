// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface SettleRequest {
  'reservation_id'?: (string);
  'amount_nanousd'?: (number | string | Long);
}

export interface SettleRequest__Output {
  'reservation_id': (string);
  'amount_nanousd': (number);
}
