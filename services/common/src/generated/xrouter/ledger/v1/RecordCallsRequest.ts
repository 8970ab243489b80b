// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { CallRecord as _xrouter_ledger_v1_CallRecord, CallRecord__Output as _xrouter_ledger_v1_CallRecord__Output } from '../../../xrouter/ledger/v1/CallRecord.js';

/**
 * Every call of the batch is recorded (and its reservation settled) in one statement, or none is.
 * Call ids seen before, in the ledger or earlier in the same batch, change nothing.
 */
export interface RecordCallsRequest {
  'calls'?: (_xrouter_ledger_v1_CallRecord)[];
}

/**
 * Every call of the batch is recorded (and its reservation settled) in one statement, or none is.
 * Call ids seen before, in the ledger or earlier in the same batch, change nothing.
 */
export interface RecordCallsRequest__Output {
  'calls': (_xrouter_ledger_v1_CallRecord__Output)[];
}
