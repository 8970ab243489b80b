// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { CallRecord as _xrouter_ledger_v1_CallRecord, CallRecord__Output as _xrouter_ledger_v1_CallRecord__Output } from '../../../xrouter/ledger/v1/CallRecord.js';

/**
 * Records the call and settles its reservation in one transaction; a second record of the
 * same call id and execution changes nothing.
 */
export interface RecordCallRequest {
  'call'?: (_xrouter_ledger_v1_CallRecord | null);
}

/**
 * Records the call and settles its reservation in one transaction; a second record of the
 * same call id and execution changes nothing.
 */
export interface RecordCallRequest__Output {
  'call': (_xrouter_ledger_v1_CallRecord__Output | null);
}
