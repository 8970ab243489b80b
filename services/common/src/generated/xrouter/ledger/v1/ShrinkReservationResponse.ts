// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface ShrinkReservationResponse {
}

export interface ShrinkReservationResponse__Output {
}
