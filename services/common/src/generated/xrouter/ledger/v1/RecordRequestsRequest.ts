// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { RequestRecord as _xrouter_ledger_v1_RequestRecord, RequestRecord__Output as _xrouter_ledger_v1_RequestRecord__Output } from '../../../xrouter/ledger/v1/RequestRecord.js';

export interface RecordRequestsRequest {
  'requests'?: (_xrouter_ledger_v1_RequestRecord)[];
}

export interface RecordRequestsRequest__Output {
  'requests': (_xrouter_ledger_v1_RequestRecord__Output)[];
}
