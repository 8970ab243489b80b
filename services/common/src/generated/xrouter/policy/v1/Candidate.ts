// Original file: protos/xrouter/policy/v1/policy.proto

import type { ModelPrice as _xrouter_executor_v1_ModelPrice, ModelPrice__Output as _xrouter_executor_v1_ModelPrice__Output } from '../../../xrouter/executor/v1/ModelPrice.js';

export interface Candidate {
  'model_id'?: (string);
  'provider'?: (string);
  /**
   * budget | standard | premium | specialized
   */
  'tier'?: (string);
  'price'?: (_xrouter_executor_v1_ModelPrice | null);
  'context_window'?: (number);
  'max_output_tokens'?: (number);
  'capabilities'?: (string)[];
  'description'?: (string);
}

export interface Candidate__Output {
  'model_id': (string);
  'provider': (string);
  /**
   * budget | standard | premium | specialized
   */
  'tier': (string);
  'price': (_xrouter_executor_v1_ModelPrice__Output | null);
  'context_window': (number);
  'max_output_tokens': (number);
  'capabilities': (string)[];
  'description': (string);
}
