// Original file: protos/xrouter/ledger/v1/ledger.proto

import type { Long } from '@grpc/proto-loader';

/**
 * A finished call's hold, lowered to what the call cost: its record (which settles the hold) comes
 * over the records stream a moment later, and until then the key's budget should count the real
 * cost, not the worst case. Never raises a hold; a hold already settled is left alone.
 */
export interface ShrinkReservationRequest {
  'reservation_id'?: (string);
  'amount_nanousd'?: (number | string | Long);
}

/**
 * A finished call's hold, lowered to what the call cost: its record (which settles the hold) comes
 * over the records stream a moment later, and until then the key's budget should count the real
 * cost, not the worst case. Never raises a hold; a hold already settled is left alone.
 */
export interface ShrinkReservationRequest__Output {
  'reservation_id': (string);
  'amount_nanousd': (number);
}
