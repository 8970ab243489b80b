// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { RequestRecord as _xrouter_ledger_v1_RequestRecord, RequestRecord__Output as _xrouter_ledger_v1_RequestRecord__Output } from '../../../xrouter/ledger/v1/RequestRecord.js';
import type { CallRecord as _xrouter_ledger_v1_CallRecord, CallRecord__Output as _xrouter_ledger_v1_CallRecord__Output } from '../../../xrouter/ledger/v1/CallRecord.js';

export interface GetRequestResponse {
  'request'?: (_xrouter_ledger_v1_RequestRecord | null);
  'calls'?: (_xrouter_ledger_v1_CallRecord)[];
}

export interface GetRequestResponse__Output {
  'request': (_xrouter_ledger_v1_RequestRecord__Output | null);
  'calls': (_xrouter_ledger_v1_CallRecord__Output)[];
}
