// Turns what went wrong on the wire into a ProviderError: whether to retry, after how long, whether
// the provider may have billed the attempt, and a message safe for clients (upstream texts can
// quote part of our key, so they are scrubbed). Shared by every HTTP adapter.
import { ProviderError } from "../../core/provider.js";

type HeaderValue = string | string[] | undefined;
export type ResponseHeaders = Record<string, HeaderValue>;

const first = (v: HeaderValue): string | undefined => (Array.isArray(v) ? v[0] : v);

/** `retry-after-ms` (OpenAI), else `Retry-After` in seconds or as an HTTP date. */
export function retryAfterMs(headers: ResponseHeaders, now = Date.now()): number | undefined {
  const ms = Number(first(headers["retry-after-ms"]));
  if (first(headers["retry-after-ms"]) !== undefined && Number.isFinite(ms) && ms >= 0) return ms;
  const value = first(headers["retry-after"])?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const SECRET_PATTERNS = [/\b(sk|pk|rk|tgp|AIza)[-_A-Za-z0-9]{6,}/g, /Bearer\s+\S+/gi, /\b[A-Za-z0-9_-]{32,}\b/g];

/** Removes anything that looks like a credential and bounds the length. */
export function scrub(text: string): string {
  let out = text;
  for (const pattern of SECRET_PATTERNS) out = out.replace(pattern, "[redacted]");
  return out.length > 300 ? `${out.slice(0, 300)}...` : out;
}

/** The error object of an OpenAI (`{error:{message}}`) or Anthropic (`{type:"error",error:{type,message}}`) body. */
export function upstreamError(body: string): { message: string; type: string } {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown; type?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : parsed.error?.message ?? parsed.message;
    const type = typeof parsed.error === "object" && typeof parsed.error?.type === "string" ? parsed.error.type : "";
    return { message: typeof message === "string" ? scrub(message) : "", type };
  } catch {
    return { message: "", type: "" };
  }
}

export function errorFromStatus(provider: string, status: number, headers: ResponseHeaders, body: string): ProviderError {
  const after = retryAfterMs(headers);
  const { message: detail, type } = upstreamError(body);
  const withDetail = (text: string) => (detail ? `${text}: ${detail}` : text);
  const make = (code: string, retryable: boolean, message: string) =>
    new ProviderError(message, { code, retryable, upstreamStatus: status, retryAfterMs: after });
  if (status === 429) return make("provider_rate_limited", true, `${provider} is rate limiting requests`);
  if (status === 408) return make("provider_timeout", true, `${provider} timed out the request`);
  // Anthropic's 529: the whole service is busy, not our account; another model may answer
  if (status === 529 || type === "overloaded_error") return make("provider_overloaded", true, `${provider} is overloaded`);
  if (status >= 500) return make("provider_server_error", true, `${provider} answered HTTP ${status}`);
  // the upstream text of an auth failure may quote the key; say nothing about it
  if (status === 401 || status === 403) return make("provider_auth_failed", false, `${provider} rejected the executor's credentials`);
  if (status === 404) return make("provider_model_not_found", false, withDetail(`${provider} does not know the model`));
  if (status === 413) return make("provider_request_too_large", false, `${provider} refused the request as too large`);
  if (status === 400 || status === 422) return make("provider_bad_request", false, withDetail(`${provider} rejected the request`));
  return make("provider_rejected", false, withDetail(`${provider} answered HTTP ${status}`));
}

/** An error the provider reports inside a stream that already answered 200. */
export function errorFromStreamPayload(provider: string, payload: unknown): ProviderError {
  const { message, type } = upstreamError(JSON.stringify(payload ?? {}));
  const overloaded = type === "overloaded_error";
  const rateLimited = type === "rate_limit_error";
  const code = overloaded ? "provider_overloaded" : rateLimited ? "provider_rate_limited" : "provider_stream_error";
  return new ProviderError(`${provider} broke off the stream${message ? `: ${message}` : ""}`, {
    code, retryable: true, billable: true, upstreamStatus: 200,
  });
}

// No byte of the request reached the provider: nothing can have been billed.
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ENOTFOUND", "UND_ERR_CONNECT_TIMEOUT",
]);

const NETWORK_CODES = new Set([
  ...NOT_SENT_CODES, "ECONNRESET", "EPIPE", "ETIMEDOUT", "UND_ERR_SOCKET", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT",
  "UND_ERR_CLOSED",
]);

function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string") return e.code;
  }
  return undefined;
}

/** A request that got no (complete) HTTP answer: aborted by us, or the network failed. */
export function errorFromTransport(provider: string, error: unknown, signal: AbortSignal): ProviderError {
  if (error instanceof ProviderError) return error;
  if (signal.aborted) {
    // aborted mid-request: the provider has the request and may be generating
    return new ProviderError(`the call to ${provider} was cancelled`, {
      code: "provider_call_aborted", retryable: false, billable: true, cause: error,
    });
  }
  const code = errorCode(error);
  const billable = !(code && NOT_SENT_CODES.has(code));
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") {
    return new ProviderError(`${provider} did not answer in time`, { code: "provider_timeout", retryable: true, billable, cause: error });
  }
  if (code && NETWORK_CODES.has(code)) {
    return new ProviderError(`${provider} could not be reached (${code})`, { code: "provider_unreachable", retryable: true, billable, cause: error });
  }
  return new ProviderError(`the request to ${provider} failed`, { code: "provider_unreachable", retryable: true, billable, cause: error });
}

/** A 2xx whose body is not the JSON we expect: the provider billed it, another attempt normally succeeds. */
export function badResponse(provider: string, status: number, body: string, cause?: unknown): ProviderError {
  return new ProviderError(`${provider} answered with a body that is not valid JSON`, {
    code: "provider_bad_response", retryable: true, upstreamStatus: status, billable: true, partialText: body, cause,
  });
}
