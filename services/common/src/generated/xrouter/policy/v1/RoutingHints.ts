// Original file: protos/xrouter/policy/v1/policy.proto

import type { Long } from '@grpc/proto-loader';

export interface RoutingHints {
  /**
   * xRouter's lambda
   */
  'cost_weight'?: (number | string);
  /**
   * xRouter's cost_max
   */
  'cost_cap'?: (number | string);
  /**
   * per request
   */
  'max_cost_nanousd'?: (number | string | Long);
  'allow_models'?: (string)[];
  'deny_models'?: (string)[];
  /**
   * cheap | balanced | quality
   */
  'mode'?: (string);
  /**
   * a named policy backend; empty: the service default
   */
  'policy'?: (string);
  'include_prompts'?: (boolean);
  '_cost_weight'?: "cost_weight";
  '_cost_cap'?: "cost_cap";
  '_max_cost_nanousd'?: "max_cost_nanousd";
}

export interface RoutingHints__Output {
  /**
   * xRouter's lambda
   */
  'cost_weight'?: (number);
  /**
   * xRouter's cost_max
   */
  'cost_cap'?: (number);
  /**
   * per request
   */
  'max_cost_nanousd'?: (number);
  'allow_models': (string)[];
  'deny_models': (string)[];
  /**
   * cheap | balanced | quality
   */
  'mode': (string);
  /**
   * a named policy backend; empty: the service default
   */
  'policy': (string);
  'include_prompts': (boolean);
  '_cost_weight'?: "cost_weight";
  '_cost_cap'?: "cost_cap";
  '_max_cost_nanousd'?: "max_cost_nanousd";
}
