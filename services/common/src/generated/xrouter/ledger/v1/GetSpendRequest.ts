// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface GetSpendRequest {
  'tenant_id'?: (string);
  /**
   * empty: the whole tenant
   */
  'key_id'?: (string);
  /**
   * YYYY-MM-DD, inclusive; empty: no bound
   */
  'from_day'?: (string);
  'to_day'?: (string);
}

export interface GetSpendRequest__Output {
  'tenant_id': (string);
  /**
   * empty: the whole tenant
   */
  'key_id': (string);
  /**
   * YYYY-MM-DD, inclusive; empty: no bound
   */
  'from_day': (string);
  'to_day': (string);
}
