// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface GrantBudgetLeaseResponse {
  'ok'?: (boolean);
  'granted_nanousd'?: (number | string | Long);
  'remaining_budget_nanousd'?: (number | string | Long);
  'denied_reason'?: (string);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}

export interface GrantBudgetLeaseResponse__Output {
  'ok': (boolean);
  'granted_nanousd': (number);
  'remaining_budget_nanousd'?: (number);
  'denied_reason': (string);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}
