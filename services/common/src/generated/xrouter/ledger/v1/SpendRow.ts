// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface SpendRow {
  'day'?: (string);
  'model_id'?: (string);
  'calls'?: (number | string | Long);
  'input_tokens'?: (number | string | Long);
  'output_tokens'?: (number | string | Long);
  'cost_nanousd'?: (number | string | Long);
}

export interface SpendRow__Output {
  'day': (string);
  'model_id': (string);
  'calls': (number);
  'input_tokens': (number);
  'output_tokens': (number);
  'cost_nanousd': (number);
}
