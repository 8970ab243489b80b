// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { RequestRecord as _xrouter_ledger_v1_RequestRecord, RequestRecord__Output as _xrouter_ledger_v1_RequestRecord__Output } from '../../../xrouter/ledger/v1/RequestRecord.js';

export interface RecordRequestRequest {
  'request'?: (_xrouter_ledger_v1_RequestRecord | null);
}

export interface RecordRequestRequest__Output {
  'request': (_xrouter_ledger_v1_RequestRecord__Output | null);
}
