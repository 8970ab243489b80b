// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Fields that are present change; absent ones stay. A budget is removed through clear_budgets.
 */
export interface UpdateKeyRequest {
  'key_id'?: (string);
  /**
   * non-empty: a key of another tenant is NOT_FOUND
   */
  'tenant_id'?: (string);
  'budget_total_nanousd'?: (number | string | Long);
  'budget_daily_nanousd'?: (number | string | Long);
  'budget_monthly_nanousd'?: (number | string | Long);
  /**
   * "total" | "daily" | "monthly"
   */
  'clear_budgets'?: (string)[];
  /**
   * 0: no limit
   */
  'rpm_limit'?: (number);
  'tpm_limit'?: (number);
  /**
   * true: allowed_models becomes the list below (empty: all)
   */
  'replace_allowed_models'?: (boolean);
  'allowed_models'?: (string)[];
  'name'?: (string);
  '_budget_total_nanousd'?: "budget_total_nanousd";
  '_budget_daily_nanousd'?: "budget_daily_nanousd";
  '_budget_monthly_nanousd'?: "budget_monthly_nanousd";
  '_rpm_limit'?: "rpm_limit";
  '_tpm_limit'?: "tpm_limit";
  '_name'?: "name";
}

/**
 * Fields that are present change; absent ones stay. A budget is removed through clear_budgets.
 */
export interface UpdateKeyRequest__Output {
  'key_id': (string);
  /**
   * non-empty: a key of another tenant is NOT_FOUND
   */
  'tenant_id': (string);
  'budget_total_nanousd'?: (number);
  'budget_daily_nanousd'?: (number);
  'budget_monthly_nanousd'?: (number);
  /**
   * "total" | "daily" | "monthly"
   */
  'clear_budgets': (string)[];
  /**
   * 0: no limit
   */
  'rpm_limit'?: (number);
  'tpm_limit'?: (number);
  /**
   * true: allowed_models becomes the list below (empty: all)
   */
  'replace_allowed_models': (boolean);
  'allowed_models': (string)[];
  'name'?: (string);
  '_budget_total_nanousd'?: "budget_total_nanousd";
  '_budget_daily_nanousd'?: "budget_daily_nanousd";
  '_budget_monthly_nanousd'?: "budget_monthly_nanousd";
  '_rpm_limit'?: "rpm_limit";
  '_tpm_limit'?: "tpm_limit";
  '_name'?: "name";
}
