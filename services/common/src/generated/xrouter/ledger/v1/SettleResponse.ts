// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface SettleResponse {
}

export interface SettleResponse__Output {
}
