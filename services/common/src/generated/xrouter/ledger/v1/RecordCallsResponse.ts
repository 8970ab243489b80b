// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface RecordCallsResponse {
  /**
   * How many of the calls were new.
   */
  'inserted'?: (number);
}

export interface RecordCallsResponse__Output {
  /**
   * How many of the calls were new.
   */
  'inserted': (number);
}
