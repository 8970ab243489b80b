// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface SpendRow {
  /**
   * empty when not grouped by day
   */
  'day'?: (string);
  /**
   * empty when not grouped by model
   */
  'model_id'?: (string);
  'calls'?: (number | string | Long);
  'input_tokens'?: (number | string | Long);
  'output_tokens'?: (number | string | Long);
  'cost_nanousd'?: (number | string | Long);
  /**
   * empty when not grouped by key
   */
  'key_id'?: (string);
  'cached_input_tokens'?: (number | string | Long);
  'counterfactual_cost_nanousd'?: (number | string | Long);
}

export interface SpendRow__Output {
  /**
   * empty when not grouped by day
   */
  'day': (string);
  /**
   * empty when not grouped by model
   */
  'model_id': (string);
  'calls': (number);
  'input_tokens': (number);
  'output_tokens': (number);
  'cost_nanousd': (number);
  /**
   * empty when not grouped by key
   */
  'key_id': (string);
  'cached_input_tokens': (number);
  'counterfactual_cost_nanousd': (number);
}
