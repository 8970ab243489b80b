// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface ReleaseRequest {
  'reservation_id'?: (string);
}

export interface ReleaseRequest__Output {
  'reservation_id': (string);
}
