// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A budget lease: one hold a gateway takes against a key's budget and then draws its calls'
 * worst cases from on its own, so that a budgeted request needs no ledger round trip on its path.
 * The ledger grants up to `want_nanousd`, never more than a share of what the key has left (the
 * other gateways of the key get the rest), and never less than `need_nanousd` (the call that
 * asked): with less than that left it refuses, as Reserve would. The lease the gateway used until
 * now can be retired in the same transaction: its unused part goes back to the budget first, so a
 * key's last cents are not held by the lease that is being replaced.
 */
export interface GrantBudgetLeaseRequest {
  'lease_id'?: (string);
  'key_id'?: (string);
  'want_nanousd'?: (number | string | Long);
  'need_nanousd'?: (number | string | Long);
  'retire_lease_id'?: (string);
  'retire_unused_nanousd'?: (number | string | Long);
}

/**
 * A budget lease: one hold a gateway takes against a key's budget and then draws its calls'
 * worst cases from on its own, so that a budgeted request needs no ledger round trip on its path.
 * The ledger grants up to `want_nanousd`, never more than a share of what the key has left (the
 * other gateways of the key get the rest), and never less than `need_nanousd` (the call that
 * asked): with less than that left it refuses, as Reserve would. The lease the gateway used until
 * now can be retired in the same transaction: its unused part goes back to the budget first, so a
 * key's last cents are not held by the lease that is being replaced.
 */
export interface GrantBudgetLeaseRequest__Output {
  'lease_id': (string);
  'key_id': (string);
  'want_nanousd': (number);
  'need_nanousd': (number);
  'retire_lease_id': (string);
  'retire_unused_nanousd': (number);
}
