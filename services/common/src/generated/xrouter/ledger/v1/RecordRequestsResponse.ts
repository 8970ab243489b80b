// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface RecordRequestsResponse {
  'inserted'?: (number);
}

export interface RecordRequestsResponse__Output {
  'inserted': (number);
}
