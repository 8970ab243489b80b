// Per-key rate limits, enforced by the ledger so that every gateway replica shares one count.
// Keys without limits (known from Authenticate) cost nothing: no call is made. Answers carry
// OpenAI's x-ratelimit-* headers; a refusal is a 429 with Retry-After.
import type { FastifyReply } from "fastify";
import { XRouterError, type LedgerClient } from "../../../common/src/index.js";
import type { CheckRateLimitResponse__Output } from "../../../common/src/generated/xrouter/ledger/v1/CheckRateLimitResponse.js";
import { rateLimitTokens } from "../core/rate-limit-tokens.js";
import type { AuthContext } from "./auth.js";
import { fromGrpcError } from "./grpc-errors.js";

/** OpenAI writes resets as Go durations: "1s", "6m0s", "20ms". */
export function formatReset(ms: number): string {
  if (ms < 1000) return `${Math.max(0, Math.ceil(ms))}ms`;
  const totalSeconds = Math.ceil(ms / 100) / 10;
  const minutes = Math.floor(totalSeconds / 60);
  const seconds = Number((totalSeconds - minutes * 60).toFixed(1));
  return minutes > 0 ? `${minutes}m${seconds}s` : `${seconds}s`;
}

export function rateLimitHeaders(answer: CheckRateLimitResponse__Output): Record<string, string> {
  const headers: Record<string, string> = {};
  const reset = formatReset(Number(answer.reset_ms));
  if (answer.limit_requests > 0) {
    headers["x-ratelimit-limit-requests"] = String(answer.limit_requests);
    headers["x-ratelimit-remaining-requests"] = String(answer.remaining_requests);
    headers["x-ratelimit-reset-requests"] = reset;
  }
  if (Number(answer.limit_tokens) > 0) {
    headers["x-ratelimit-limit-tokens"] = String(answer.limit_tokens);
    headers["x-ratelimit-remaining-tokens"] = String(answer.remaining_tokens);
    headers["x-ratelimit-reset-tokens"] = reset;
  }
  return headers;
}

export class RateLimitGate {
  constructor(private readonly ledger: Pick<LedgerClient, "checkRateLimit">, private readonly defaultMaxTokens: number) {}

  /** Counts the request against the key's limits; sets the headers, or throws the 429. */
  async admit(auth: AuthContext, body: unknown, reply: FastifyReply): Promise<void> {
    if (!auth.rpmLimit && !auth.tpmLimit) return;
    let answer: CheckRateLimitResponse__Output;
    try {
      answer = await this.ledger.checkRateLimit({ key_id: auth.keyId, tokens: rateLimitTokens(body, this.defaultMaxTokens) });
    } catch (error) {
      throw fromGrpcError("ledger", error);
    }
    const headers = rateLimitHeaders(answer);
    // On the raw response: a streamed answer hijacks the reply and writes its own head, which
    // keeps headers set there but not those held by Fastify.
    for (const [name, value] of Object.entries(headers)) reply.raw.setHeader(name, value);
    if (answer.allowed) return;
    const retryAfterMs = Math.max(1000, Number(answer.reset_ms));
    throw new XRouterError(`Rate limit reached for this API key: ${answer.denied_reason}. Retry after ${Math.ceil(retryAfterMs / 1000)} s.`, {
      status: 429, type: "rate_limit_error", code: "rate_limit_exceeded",
      headers: { ...headers, "retry-after": String(Math.ceil(retryAfterMs / 1000)), "retry-after-ms": String(retryAfterMs) },
    });
  }
}
