// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { KeyInfo as _xrouter_ledger_v1_KeyInfo, KeyInfo__Output as _xrouter_ledger_v1_KeyInfo__Output } from '../../../xrouter/ledger/v1/KeyInfo.js';

export interface ListKeysResponse {
  'keys'?: (_xrouter_ledger_v1_KeyInfo)[];
}

export interface ListKeysResponse__Output {
  'keys': (_xrouter_ledger_v1_KeyInfo__Output)[];
}
