// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { ModelPrice as _xrouter_executor_v1_ModelPrice, ModelPrice__Output as _xrouter_executor_v1_ModelPrice__Output } from '../../../xrouter/executor/v1/ModelPrice.js';

export interface GetSpendRequest {
  'tenant_id'?: (string);
  /**
   * empty: the whole tenant; otherwise a key of that tenant (else NOT_FOUND)
   */
  'key_id'?: (string);
  /**
   * YYYY-MM-DD, inclusive; empty: no bound
   */
  'from_day'?: (string);
  'to_day'?: (string);
  /**
   * any of "day", "model", "key"; empty: day and model
   */
  'group_by'?: (string)[];
  /**
   * Prices the counterfactual: what the same tokens would have cost on this model (the caller
   * knows the catalog; the ledger does not). Absent: no counterfactual is computed.
   */
  'reference_price'?: (_xrouter_executor_v1_ModelPrice | null);
  'reference_model'?: (string);
}

export interface GetSpendRequest__Output {
  'tenant_id': (string);
  /**
   * empty: the whole tenant; otherwise a key of that tenant (else NOT_FOUND)
   */
  'key_id': (string);
  /**
   * YYYY-MM-DD, inclusive; empty: no bound
   */
  'from_day': (string);
  'to_day': (string);
  /**
   * any of "day", "model", "key"; empty: day and model
   */
  'group_by': (string)[];
  /**
   * Prices the counterfactual: what the same tokens would have cost on this model (the caller
   * knows the catalog; the ledger does not). Absent: no counterfactual is computed.
   */
  'reference_price': (_xrouter_executor_v1_ModelPrice__Output | null);
  'reference_model': (string);
}
