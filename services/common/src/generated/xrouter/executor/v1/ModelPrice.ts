// Original file: protos/xrouter/executor/v1/calls.proto

import type { Long } from '@grpc/proto-loader';

export interface ModelPrice {
  'input_nanousd_per_token'?: (number | string | Long);
  'cached_input_nanousd_per_token'?: (number | string | Long);
  'output_nanousd_per_token'?: (number | string | Long);
  'cache_write_nanousd_per_token'?: (number | string | Long);
}

export interface ModelPrice__Output {
  'input_nanousd_per_token': (number);
  'cached_input_nanousd_per_token': (number);
  'output_nanousd_per_token': (number);
  'cache_write_nanousd_per_token': (number);
}
