// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { SpendRow as _xrouter_ledger_v1_SpendRow, SpendRow__Output as _xrouter_ledger_v1_SpendRow__Output } from '../../../xrouter/ledger/v1/SpendRow.js';
import type { Long } from '@grpc/proto-loader';

export interface GetSpendResponse {
  'rows'?: (_xrouter_ledger_v1_SpendRow)[];
  'total_cost_nanousd'?: (number | string | Long);
  'requests'?: (number | string | Long);
  'counterfactual_cost_nanousd'?: (number | string | Long);
  'reference_model'?: (string);
}

export interface GetSpendResponse__Output {
  'rows': (_xrouter_ledger_v1_SpendRow__Output)[];
  'total_cost_nanousd': (number);
  'requests': (number);
  'counterfactual_cost_nanousd': (number);
  'reference_model': (string);
}
