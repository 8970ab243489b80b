// Anthropic's native Messages API (POST {base}/v1/messages): the only way to see cache-write
// tokens, which Anthropic bills at their own rate, and its own error types (529 overloaded).
import type { ProviderAdapter } from "../../core/provider.js";
import { createHttpEndpoint } from "../http/client.js";
import { ANTHROPIC_VERSION, fromMessage, toMessagesRequest } from "./mapping.js";
import { anthropicStreamMapper } from "./stream.js";

export interface AnthropicOptions {
  /** e.g. https://api.anthropic.com; requests go to `${baseUrl}/v1/messages`. */
  baseUrl: string;
  apiKey?: string;
  provider?: string;
  connections?: number;
}

export function createAnthropicAdapter(options: AnthropicOptions): ProviderAdapter {
  const provider = options.provider ?? "anthropic";
  const headers: Record<string, string> = { "anthropic-version": ANTHROPIC_VERSION };
  if (options.apiKey) headers["x-api-key"] = options.apiKey;
  // accept a base URL given with or without the /v1 that OpenAI-style settings carry
  const baseUrl = options.baseUrl.replace(/\/+$/, "").replace(/\/v1$/, "");
  const http = createHttpEndpoint({ provider, baseUrl, headers, connections: options.connections });

  return {
    kind: "anthropic",
    async complete(call, signal) {
      return fromMessage(await http.postJson("/v1/messages", toMessagesRequest(call), signal), call.upstream_model);
    },
    async stream(call, signal, onEvent) {
      const mapper = anthropicStreamMapper(provider, onEvent);
      await http.postStream("/v1/messages", toMessagesRequest(call, { stream: true }), signal, mapper.onSse);
      mapper.ended();
    },
    close: () => http.close(),
  };
}
