// Original file: protos/xrouter/policy/v1/policy.proto


export interface ModelCall {
  'model_id'?: (string);
  /**
   * prepended as a system message when set
   */
  'system_prompt'?: (string);
  'temperature'?: (number | string);
  /**
   * 0: the request's or the catalog's
   */
  'max_tokens'?: (number);
  '_temperature'?: "temperature";
}

export interface ModelCall__Output {
  'model_id': (string);
  /**
   * prepended as a system message when set
   */
  'system_prompt': (string);
  'temperature'?: (number);
  /**
   * 0: the request's or the catalog's
   */
  'max_tokens': (number);
  '_temperature'?: "temperature";
}
