// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface CreateKeyRequest {
  'tenant_id'?: (string);
  'name'?: (string);
  'allowed_models'?: (string)[];
  'budget_total_nanousd'?: (number | string | Long);
  'budget_daily_nanousd'?: (number | string | Long);
  'budget_monthly_nanousd'?: (number | string | Long);
  'rpm_limit'?: (number);
  'tpm_limit'?: (number);
  '_budget_total_nanousd'?: "budget_total_nanousd";
  '_budget_daily_nanousd'?: "budget_daily_nanousd";
  '_budget_monthly_nanousd'?: "budget_monthly_nanousd";
}

export interface CreateKeyRequest__Output {
  'tenant_id': (string);
  'name': (string);
  'allowed_models': (string)[];
  'budget_total_nanousd'?: (number);
  'budget_daily_nanousd'?: (number);
  'budget_monthly_nanousd'?: (number);
  'rpm_limit': (number);
  'tpm_limit': (number);
  '_budget_total_nanousd'?: "budget_total_nanousd";
  '_budget_daily_nanousd'?: "budget_daily_nanousd";
  '_budget_monthly_nanousd'?: "budget_monthly_nanousd";
}
