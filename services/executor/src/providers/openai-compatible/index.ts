// OpenAI chat completions, and every server that speaks it (Together, Gemini's compatibility
// endpoint, vLLM), plain or streamed, over one keep-alive pool per endpoint.
import { ProviderError, type ProviderAdapter } from "../../core/provider.js";
import { createHttpEndpoint } from "../http/client.js";
import { badResponse, errorFromStreamPayload } from "../http/errors.js";
import { fromChatCompletion, fromStreamChunk, toChatCompletionRequest, type RequestOptions, type UsageStyle } from "./mapping.js";

export interface OpenAICompatibleOptions {
  /** Provider name, for error messages and logs: openai, together, gemini, vllm ... */
  provider: string;
  /** e.g. https://api.openai.com/v1; requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string;
  apiKey?: string;
  /** Most concurrent connections to this endpoint. */
  connections?: number;
  extraHeaders?: Record<string, string>;
  maxTokensField?: RequestOptions["maxTokensField"];
  usageStyle?: UsageStyle;
}

export function createOpenAICompatibleAdapter(options: OpenAICompatibleOptions): ProviderAdapter {
  const { provider } = options;
  const headers: Record<string, string> = { ...options.extraHeaders };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const http = createHttpEndpoint({ provider, baseUrl: options.baseUrl, headers, connections: options.connections });
  const style = options.usageStyle ?? "openai";

  const stream: NonNullable<ProviderAdapter["stream"]> = async (call, signal, onEvent) => {
    const body = toChatCompletionRequest(call, { stream: true, maxTokensField: options.maxTokensField });
    let finished = false;
    let done = false;
    await http.postStream("/chat/completions", body, signal, (sse) => {
      if (sse.data === "[DONE]") {
        done = true;
        return true;
      }
      let chunk: unknown;
      try {
        chunk = JSON.parse(sse.data);
      } catch (cause) {
        throw badResponse(provider, 200, sse.data, cause);
      }
      if (chunk && typeof chunk === "object" && "error" in chunk) throw errorFromStreamPayload(provider, chunk);
      const event = fromStreamChunk(chunk, style);
      if (event.finishReason) finished = true;
      onEvent(event);
      return false;
    });
    // the connection ended cleanly but the answer did not: as broken as a reset
    if (!finished && !done) {
      throw new ProviderError(`${provider} ended the stream before the answer was complete`, {
        code: "provider_stream_incomplete", retryable: true, billable: true, upstreamStatus: 200,
      });
    }
  };

  return {
    kind: "openai-compatible",
    async complete(call, signal) {
      const body = toChatCompletionRequest(call, { maxTokensField: options.maxTokensField });
      return fromChatCompletion(await http.postJson("/chat/completions", body, signal), call.upstream_model, style);
    },
    stream,
    close: () => http.close(),
  };
}
