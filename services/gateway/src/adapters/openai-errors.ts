// The one place where errors become HTTP answers: OpenAI's error object and status codes.
import type { FastifyReply } from "fastify";
import { XRouterError, type Logger } from "../../../common/src/index.js";

export interface OpenAIErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

export function errorBody(error: XRouterError): OpenAIErrorBody {
  return { error: { message: error.message, type: error.type, param: error.param, code: error.code } };
}

/** Fastify's own errors (body parsing, size limits) in our typed form. */
export function fromFastifyError(error: { code?: string; statusCode?: number; message: string }): XRouterError {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new XRouterError("The request body is too large.", { status: 413, type: "invalid_request_error", code: "request_too_large" });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new XRouterError("Send the request body as application/json.", { status: 400, type: "invalid_request_error", code: "unsupported_media_type" });
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return new XRouterError("The request body is empty; send a JSON object.", { status: 400, type: "invalid_request_error", code: "invalid_body" });
  }
  if (error.statusCode === 400 || error instanceof SyntaxError) {
    return new XRouterError("We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly.)",
      { status: 400, type: "invalid_request_error", code: "invalid_json" });
  }
  return new XRouterError("The server had an error while processing your request.", { status: 500, type: "api_error", code: "internal_error", cause: error });
}

export function sendError(reply: FastifyReply, error: unknown, logger: Logger): FastifyReply {
  const typed = error instanceof XRouterError ? error
    : typeof error === "object" && error !== null && "message" in error
      ? fromFastifyError(error as { code?: string; statusCode?: number; message: string })
      : fromFastifyError({ message: String(error) });
  if (typed.status >= 500) logger.error({ err: typed.cause ?? typed, code: typed.code }, "request failed");
  return reply.code(typed.status).headers(typed.headers).send(errorBody(typed));
}
