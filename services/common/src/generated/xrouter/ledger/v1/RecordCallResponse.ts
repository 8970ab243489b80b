// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface RecordCallResponse {
  'inserted'?: (boolean);
}

export interface RecordCallResponse__Output {
  'inserted': (boolean);
}
