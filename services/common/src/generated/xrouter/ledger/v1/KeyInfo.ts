// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

export interface KeyInfo {
  'key_id'?: (string);
  'tenant_id'?: (string);
  'name'?: (string);
  /**
   * empty: all
   */
  'allowed_models'?: (string)[];
  'budget_total_nanousd'?: (number | string | Long);
  'budget_daily_nanousd'?: (number | string | Long);
  'budget_monthly_nanousd'?: (number | string | Long);
  /**
   * 0: none
   */
  'rpm_limit'?: (number);
  'tpm_limit'?: (number);
  'revoked'?: (boolean);
  'created_unix_ms'?: (number | string | Long);
  /**
   * the first characters of the key, for people to recognise it
   */
  'key_prefix'?: (string);
  '_budget_total_nanousd'?: "budget_total_nanousd";
  '_budget_daily_nanousd'?: "budget_daily_nanousd";
  '_budget_monthly_nanousd'?: "budget_monthly_nanousd";
}

export interface KeyInfo__Output {
  'key_id': (string);
  'tenant_id': (string);
  'name': (string);
  /**
   * empty: all
   */
  'allowed_models': (string)[];
  'budget_total_nanousd'?: (number);
  'budget_daily_nanousd'?: (number);
  'budget_monthly_nanousd'?: (number);
  /**
   * 0: none
   */
  'rpm_limit': (number);
  'tpm_limit': (number);
  'revoked': (boolean);
  'created_unix_ms': (number);
  /**
   * the first characters of the key, for people to recognise it
   */
  'key_prefix': (string);
  '_budget_total_nanousd'?: "budget_total_nanousd";
  '_budget_daily_nanousd'?: "budget_daily_nanousd";
  '_budget_monthly_nanousd'?: "budget_monthly_nanousd";
}
