// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface ListKeysRequest {
  /**
   * required unless all_tenants
   */
  'tenant_id'?: (string);
  'include_revoked'?: (boolean);
  /**
   * administration only
   */
  'all_tenants'?: (boolean);
}

export interface ListKeysRequest__Output {
  /**
   * required unless all_tenants
   */
  'tenant_id': (string);
  'include_revoked': (boolean);
  /**
   * administration only
   */
  'all_tenants': (boolean);
}
