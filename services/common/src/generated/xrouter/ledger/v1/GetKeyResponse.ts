// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { KeyInfo as _xrouter_ledger_v1_KeyInfo, KeyInfo__Output as _xrouter_ledger_v1_KeyInfo__Output } from '../../../xrouter/ledger/v1/KeyInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface GetKeyResponse {
  'key'?: (_xrouter_ledger_v1_KeyInfo | null);
  'remaining_budget_nanousd'?: (number | string | Long);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}

export interface GetKeyResponse__Output {
  'key': (_xrouter_ledger_v1_KeyInfo__Output | null);
  'remaining_budget_nanousd'?: (number);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}
