// OpenAI chat completions over HTTP with one keep-alive undici Pool per endpoint.
import { Pool } from "undici";
import type { ProviderCall__Output } from "../../../../common/src/index.js";
import { ProviderError, type ProviderAdapter, type ProviderResponse } from "../../core/provider.js";
import { errorFromStatus, errorFromTransport } from "./errors.js";
import { fromChatCompletion, toChatCompletionRequest } from "./mapping.js";

export interface OpenAICompatibleOptions {
  /** Provider name, for error messages and logs: openai, together, gemini, vllm ... */
  provider: string;
  /** e.g. https://api.openai.com/v1; requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string;
  apiKey?: string;
  /** Most concurrent connections to this endpoint. */
  connections?: number;
  extraHeaders?: Record<string, string>;
}

export function createOpenAICompatibleAdapter(options: OpenAICompatibleOptions): ProviderAdapter {
  const base = new URL(options.baseUrl);
  const path = `${base.pathname.replace(/\/+$/, "")}/chat/completions`;
  const pool = new Pool(base.origin, { connections: options.connections ?? 64, keepAliveTimeout: 30_000 });
  const headers: Record<string, string> = {
    "content-type": "application/json", accept: "application/json", ...options.extraHeaders,
  };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;

  async function complete(call: ProviderCall__Output, signal: AbortSignal): Promise<ProviderResponse> {
    const body = JSON.stringify(toChatCompletionRequest(call));
    let status: number;
    let responseHeaders: Record<string, string | string[] | undefined>;
    let text: string;
    try {
      const response = await pool.request({ method: "POST", path, headers, body, signal });
      status = response.statusCode;
      responseHeaders = response.headers;
      text = await response.body.text();
    } catch (error) {
      throw errorFromTransport(options.provider, error, signal);
    }
    if (status < 200 || status >= 300) throw errorFromStatus(options.provider, status, responseHeaders, text);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (cause) {
      // a garbled 2xx is usually a proxy or a truncated body; another attempt normally succeeds
      throw new ProviderError(`${options.provider} answered with a body that is not JSON`, {
        code: "provider_bad_response", retryable: true, upstreamStatus: status, cause,
      });
    }
    return fromChatCompletion(parsed, call.upstream_model);
  }

  return {
    kind: "openai-compatible",
    complete,
    // the executor drains its calls before closing providers, so nothing useful is cut off
    async close() { await pool.destroy(); },
  };
}
