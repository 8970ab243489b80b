// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface ReserveResponse {
  'ok'?: (boolean);
  'remaining_budget_nanousd'?: (number | string | Long);
  'denied_reason'?: (string);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}

export interface ReserveResponse__Output {
  'ok': (boolean);
  'remaining_budget_nanousd'?: (number);
  'denied_reason': (string);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}
