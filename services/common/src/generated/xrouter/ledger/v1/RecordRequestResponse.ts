// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface RecordRequestResponse {
  'inserted'?: (boolean);
}

export interface RecordRequestResponse__Output {
  'inserted': (boolean);
}
