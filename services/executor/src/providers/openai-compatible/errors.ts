// Turns what went wrong on the wire into a ProviderError: whether to retry, after how long, and
// a message safe for clients (upstream texts can quote part of our key, so they are scrubbed).
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

function upstreamMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === "string" ? parsed.error : parsed.error?.message ?? parsed.message;
    return typeof message === "string" ? scrub(message) : "";
  } catch {
    return "";
  }
}

export function errorFromStatus(provider: string, status: number, headers: ResponseHeaders, body: string): ProviderError {
  const after = retryAfterMs(headers);
  const detail = upstreamMessage(body);
  const withDetail = (text: string) => (detail ? `${text}: ${detail}` : text);
  const make = (code: string, retryable: boolean, message: string) =>
    new ProviderError(message, { code, retryable, upstreamStatus: status, retryAfterMs: after });
  if (status === 429) return make("provider_rate_limited", true, `${provider} is rate limiting requests`);
  if (status === 408) return make("provider_timeout", true, `${provider} timed out the request`);
  if (status >= 500) return make("provider_server_error", true, `${provider} answered HTTP ${status}`);
  // the upstream text of an auth failure may quote the key; say nothing about it
  if (status === 401 || status === 403) return make("provider_auth_failed", false, `${provider} rejected the executor's credentials`);
  if (status === 404) return make("provider_model_not_found", false, withDetail(`${provider} does not know the model`));
  if (status === 400 || status === 422) return make("provider_bad_request", false, withDetail(`${provider} rejected the request`));
  return make("provider_rejected", false, withDetail(`${provider} answered HTTP ${status}`));
}

const NETWORK_CODES = new Set([
  "ECONNRESET", "ECONNREFUSED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN", "ENOTFOUND",
  "UND_ERR_SOCKET", "UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT", "UND_ERR_CLOSED",
]);

function errorCode(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 4; e = e.cause as typeof e, depth++) {
    if (typeof e.code === "string") return e.code;
  }
  return undefined;
}

/** A request that got no HTTP answer: aborted by us, or the network failed. */
export function errorFromTransport(provider: string, error: unknown, signal: AbortSignal): ProviderError {
  if (signal.aborted) {
    return new ProviderError(`the call to ${provider} was cancelled`, { code: "provider_call_aborted", retryable: false, cause: error });
  }
  const code = errorCode(error);
  if (code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT" || code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT") {
    return new ProviderError(`${provider} did not answer in time`, { code: "provider_timeout", retryable: true, cause: error });
  }
  if (code && NETWORK_CODES.has(code)) {
    return new ProviderError(`${provider} could not be reached (${code})`, { code: "provider_unreachable", retryable: true, cause: error });
  }
  return new ProviderError(`the request to ${provider} failed`, { code: "provider_unreachable", retryable: true, cause: error });
}
