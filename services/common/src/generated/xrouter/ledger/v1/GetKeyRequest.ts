// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface GetKeyRequest {
  'key_id'?: (string);
  /**
   * non-empty: a key of another tenant is NOT_FOUND
   */
  'tenant_id'?: (string);
}

export interface GetKeyRequest__Output {
  'key_id': (string);
  /**
   * non-empty: a key of another tenant is NOT_FOUND
   */
  'tenant_id': (string);
}
