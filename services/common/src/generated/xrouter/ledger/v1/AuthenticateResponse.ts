// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { KeyInfo as _xrouter_ledger_v1_KeyInfo, KeyInfo__Output as _xrouter_ledger_v1_KeyInfo__Output } from '../../../xrouter/ledger/v1/KeyInfo.js';
import type { Long } from '@grpc/proto-loader';

export interface AuthenticateResponse {
  'ok'?: (boolean);
  'key'?: (_xrouter_ledger_v1_KeyInfo | null);
  /**
   * the tightest budget left; absent: none applies
   */
  'remaining_budget_nanousd'?: (number | string | Long);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}

export interface AuthenticateResponse__Output {
  'ok': (boolean);
  'key': (_xrouter_ledger_v1_KeyInfo__Output | null);
  /**
   * the tightest budget left; absent: none applies
   */
  'remaining_budget_nanousd'?: (number);
  '_remaining_budget_nanousd'?: "remaining_budget_nanousd";
}
