// Original file: protos/xrouter/policy/v1/policy.proto


export interface DirectAnswer {
  'content'?: (string);
}

export interface DirectAnswer__Output {
  'content': (string);
}
