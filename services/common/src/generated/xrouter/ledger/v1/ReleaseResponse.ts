// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface ReleaseResponse {
}

export interface ReleaseResponse__Output {
}
