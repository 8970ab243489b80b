// Original file: protos/xrouter/executor/v1/calls.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Stored by an executor (KV bucket `<PREFIX>_RUNS`, key `<reply token>.<call_id>.<execution>`)
 * before a run sends anything to the provider, so that a run that dies with the provider's answer
 * unrecorded is still billed: the next delivery finds the marker and no stored result, and records
 * the run as CALL_STATUS_LOST. A run handed back on shutdown bills itself and deletes its marker.
 */
export interface RunStarted {
  'call_id'?: (string);
  /**
   * the delivery of the call this run is
   */
  'execution'?: (number);
  'executor_id'?: (string);
  'started_unix_ms'?: (number | string | Long);
}

/**
 * Stored by an executor (KV bucket `<PREFIX>_RUNS`, key `<reply token>.<call_id>.<execution>`)
 * before a run sends anything to the provider, so that a run that dies with the provider's answer
 * unrecorded is still billed: the next delivery finds the marker and no stored result, and records
 * the run as CALL_STATUS_LOST. A run handed back on shutdown bills itself and deletes its marker.
 */
export interface RunStarted__Output {
  'call_id': (string);
  /**
   * the delivery of the call this run is
   */
  'execution': (number);
  'executor_id': (string);
  'started_unix_ms': (number);
}
