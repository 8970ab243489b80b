// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

/**
 * Gives back part of a lease that no call will use: its hold is lowered by that much (never below
 * zero). Not idempotent: the gateway sends each unused amount once and never retries.
 */
export interface ReturnBudgetLeaseRequest {
  'lease_id'?: (string);
  'unused_nanousd'?: (number | string | Long);
}

/**
 * Gives back part of a lease that no call will use: its hold is lowered by that much (never below
 * zero). Not idempotent: the gateway sends each unused amount once and never retries.
 */
export interface ReturnBudgetLeaseRequest__Output {
  'lease_id': (string);
  'unused_nanousd': (number);
}
