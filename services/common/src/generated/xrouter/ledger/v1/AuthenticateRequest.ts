// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface AuthenticateRequest {
  'api_key'?: (string);
}

export interface AuthenticateRequest__Output {
  'api_key': (string);
}
