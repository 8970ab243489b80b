// Errors for requests whose routing hints cannot be honoured as written. They are the client's
// to fix, so the gRPC adapter answers INVALID_ARGUMENT with the message as is.
export class InvalidHintError extends Error {
  constructor(message: string, readonly hint: "policy" | "mode", options?: { cause?: unknown }) {
    super(message, options);
    this.name = "InvalidHintError";
  }
}

export class UnknownPolicyError extends InvalidHintError {
  constructor(readonly policy: string, readonly known: readonly string[]) {
    super(`unknown routing policy ${quote(policy)}; known policies: ${known.join(", ")}`, "policy");
    this.name = "UnknownPolicyError";
  }
}

/** Client-supplied text goes back to the client, so it is bounded and quoted. */
export function quote(value: string, max = 64): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max)}…` : value);
}

/**
 * The router LLM of an xrouter backend could not be asked: no connection, no answer in time, an
 * HTTP error or a body that is not a chat completion. `detail` is for the logs only; clients get
 * a fixed message, since the endpoint's address and answers are internals.
 */
export class RouterUnavailableError extends Error {
  constructor(
    readonly detail: string,
    readonly kind: "connect" | "timeout" | "http" | "bad_response",
    options?: { cause?: unknown },
  ) {
    super(`router model unavailable (${kind}): ${detail}`, options);
    this.name = "RouterUnavailableError";
  }
}
