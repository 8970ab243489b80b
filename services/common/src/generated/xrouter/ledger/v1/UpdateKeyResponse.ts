// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { KeyInfo as _xrouter_ledger_v1_KeyInfo, KeyInfo__Output as _xrouter_ledger_v1_KeyInfo__Output } from '../../../xrouter/ledger/v1/KeyInfo.js';

export interface UpdateKeyResponse {
  'key'?: (_xrouter_ledger_v1_KeyInfo | null);
}

export interface UpdateKeyResponse__Output {
  'key': (_xrouter_ledger_v1_KeyInfo__Output | null);
}
