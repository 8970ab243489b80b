// Original file: protos/xrouter/ledger/v1/records.proto

import type { CallRecord as _xrouter_ledger_v1_CallRecord, CallRecord__Output as _xrouter_ledger_v1_CallRecord__Output } from '../../../xrouter/ledger/v1/CallRecord.js';
import type { RequestRecord as _xrouter_ledger_v1_RequestRecord, RequestRecord__Output as _xrouter_ledger_v1_RequestRecord__Output } from '../../../xrouter/ledger/v1/RequestRecord.js';

export interface RecordBatch {
  'calls'?: (_xrouter_ledger_v1_CallRecord)[];
  'requests'?: (_xrouter_ledger_v1_RequestRecord)[];
}

export interface RecordBatch__Output {
  'calls': (_xrouter_ledger_v1_CallRecord__Output)[];
  'requests': (_xrouter_ledger_v1_RequestRecord__Output)[];
}
