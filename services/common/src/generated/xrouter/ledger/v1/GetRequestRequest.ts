// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface GetRequestRequest {
  'tenant_id'?: (string);
  'request_id'?: (string);
}

export interface GetRequestRequest__Output {
  'tenant_id': (string);
  'request_id': (string);
}
