// Original file: protos/xrouter/policy/v1/policy.proto


export interface SelectResponse {
  'call_id'?: (string);
}

export interface SelectResponse__Output {
  'call_id': (string);
}
