// Original file: protos/xrouter/ledger/v1/ledger.proto


export interface ReturnBudgetLeaseResponse {
}

export interface ReturnBudgetLeaseResponse__Output {
}
