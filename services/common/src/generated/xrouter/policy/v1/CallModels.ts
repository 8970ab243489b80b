// Original file: protos/xrouter/policy/v1/policy.proto

import type { ModelCall as _xrouter_policy_v1_ModelCall, ModelCall__Output as _xrouter_policy_v1_ModelCall__Output } from '../../../xrouter/policy/v1/ModelCall.js';

export interface CallModels {
  'calls'?: (_xrouter_policy_v1_ModelCall)[];
  /**
   * When the (single) call succeeds its answer is the final answer, without another Decide.
   */
  'final_if_ok'?: (boolean);
}

export interface CallModels__Output {
  'calls': (_xrouter_policy_v1_ModelCall__Output)[];
  /**
   * When the (single) call succeeds its answer is the final answer, without another Decide.
   */
  'final_if_ok': (boolean);
}
