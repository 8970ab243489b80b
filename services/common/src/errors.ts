// Typed errors that cross the code base. Each carries a stable code, the HTTP status the gateway
// answers with, and the cause it wraps; the gateway translates them to OpenAI's error shape once.

export type ErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "insufficient_quota"
  | "rate_limit_error"
  | "timeout_error"
  | "api_error"
  | "upstream_error"
  | "service_unavailable";

export interface XRouterErrorOptions {
  status: number;
  type: ErrorType;
  code: string;
  param?: string | null;
  cause?: unknown;
  headers?: Record<string, string>;
}

export class XRouterError extends Error {
  readonly status: number;
  readonly type: ErrorType;
  readonly code: string;
  readonly param: string | null;
  readonly headers: Record<string, string>;

  constructor(message: string, options: XRouterErrorOptions) {
    super(message, { cause: options.cause });
    this.name = "XRouterError";
    this.status = options.status;
    this.type = options.type;
    this.code = options.code;
    this.param = options.param ?? null;
    this.headers = options.headers ?? {};
  }
}

export const invalidRequest = (message: string, param: string | null = null, code = "invalid_request") =>
  new XRouterError(message, { status: 400, type: "invalid_request_error", code, param });

export const unauthorized = (message = "Incorrect API key provided.") =>
  new XRouterError(message, { status: 401, type: "authentication_error", code: "invalid_api_key" });

export const modelNotFound = (model: string) =>
  new XRouterError(`The model '${model}' does not exist or you do not have access to it.`, {
    status: 404, type: "invalid_request_error", code: "model_not_found", param: "model",
  });

export const budgetExceeded = (message: string) =>
  new XRouterError(message, { status: 402, type: "insufficient_quota", code: "budget_exceeded" });

export const upstreamFailed = (message: string, cause?: unknown) =>
  new XRouterError(message, { status: 502, type: "upstream_error", code: "upstream_failed", cause });

export const timedOut = (message: string, cause?: unknown) =>
  new XRouterError(message, { status: 408, type: "timeout_error", code: "timeout", cause });

/** Past the gateway's concurrency limit: answered at once, so a saturated gateway sheds load instead of queueing it. */
export const overloaded = () => new XRouterError(
  "The router is at capacity; try again shortly.", { status: 503, type: "service_unavailable", code: "overloaded" });

export const unavailable = (message: string, cause?: unknown) =>
  new XRouterError(message, { status: 503, type: "service_unavailable", code: "service_unavailable", cause });

export class ConfigError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConfigError";
  }
}
