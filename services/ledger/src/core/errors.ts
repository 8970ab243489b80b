// Errors the ledger answers callers with. The gRPC adapter maps `kind` to a status code; anything
// that is not a LedgerError is a fault of ours and leaves as INTERNAL with a generic message.
export type LedgerErrorKind = "invalid_argument" | "not_found";

export class LedgerError extends Error {
  constructor(message: string, readonly kind: LedgerErrorKind, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "LedgerError";
  }
}

export const invalidArgument = (message: string) => new LedgerError(message, "invalid_argument");
export const notFound = (message: string) => new LedgerError(message, "not_found");
