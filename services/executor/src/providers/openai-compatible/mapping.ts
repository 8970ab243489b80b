// Pure translation between our contract and OpenAI's chat-completions JSON, shared by every
// OpenAI-compatible provider (OpenAI, Together, Gemini's compatibility endpoint, vLLM).
import type { ChatMessage__Output, ProviderCall__Output, ToolCall, Usage } from "../../../../common/src/index.js";
import { ProviderError, type ProviderResponse, type ProviderStreamEvent, type ToolCallDelta } from "../../core/provider.js";

type Json = Record<string, unknown>;

/** The JSON-string fields of the contract carry OpenAI's own structures; a bad one is the caller's fault. */
function parseEmbedded(field: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new ProviderError(`${field} is not valid JSON`, { code: "invalid_request", retryable: false, cause });
  }
}

function toOpenAIMessage(m: ChatMessage__Output): Json {
  const out: Json = { role: m.role };
  out.content = m.content_parts_json ? parseEmbedded("content_parts_json", m.content_parts_json) : m.content;
  if (m.name) out.name = m.name;
  if (m.tool_call_id) out.tool_call_id = m.tool_call_id;
  if (m.tool_calls.length > 0) {
    out.tool_calls = m.tool_calls.map((t) => ({
      id: t.id, type: t.type || "function", function: { name: t.function_name, arguments: t.function_arguments },
    }));
    // OpenAI accepts null content next to tool calls, not an empty string
    if (!m.content && !m.content_parts_json) out.content = null;
  }
  return out;
}

export interface RequestOptions {
  stream?: boolean;
  /** OpenAI's reasoning models (o-series, gpt-5) refuse `max_tokens`; compatible servers expect it. */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
}

/** Used when a call somehow carries no max_tokens: a request must never go out without a limit. */
export const FALLBACK_MAX_TOKENS = 4096;

export function toChatCompletionRequest(call: ProviderCall__Output, options: RequestOptions = {}): Json {
  const p = call.params;
  const body: Json = { model: call.upstream_model, messages: call.messages.map(toOpenAIMessage) };
  body[options.maxTokensField ?? "max_tokens"] = p && p.max_tokens > 0 ? p.max_tokens : FALLBACK_MAX_TOKENS;
  if (p) {
    if (p.temperature !== undefined && p.temperature !== null) body.temperature = p.temperature;
    if (p.top_p !== undefined && p.top_p !== null) body.top_p = p.top_p;
    if (p.stop.length > 0) body.stop = p.stop;
    if (p.seed !== undefined && p.seed !== null) body.seed = p.seed;
    if (p.n > 0) body.n = p.n;
    if (p.user) body.user = p.user;
    if (p.tools_json) body.tools = parseEmbedded("tools_json", p.tools_json);
    if (p.tool_choice_json) body.tool_choice = parseEmbedded("tool_choice_json", p.tool_choice_json);
    if (p.response_format_json) body.response_format = parseEmbedded("response_format_json", p.response_format_json);
  }
  if (options.stream) {
    body.stream = true;
    // without it a stream carries no usage and the call could only be billed by estimate
    body.stream_options = { include_usage: true };
  }
  return body;
}

const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});

export type UsageStyle = "openai" | "gemini";

/**
 * OpenAI's usage, normalised: prompt tokens include cached ones, completion tokens include
 * reasoning. Gemini's compatibility layer has reported thinking ("thoughts") tokens only in
 * `total_tokens` (and `reasoning_tokens`), outside `completion_tokens`, yet bills them as output:
 * with style "gemini" the output is whatever the total holds beyond the prompt.
 */
export function usageFromOpenAI(raw: unknown, style: UsageStyle = "openai"): Usage | undefined {
  if (!raw || typeof raw !== "object") return undefined;
  const u = raw as Json;
  if (typeof u.prompt_tokens !== "number" && typeof u.completion_tokens !== "number") return undefined;
  const input = num(u.prompt_tokens);
  const reasoning = num(obj(u.completion_tokens_details).reasoning_tokens);
  let output = num(u.completion_tokens);
  if (style === "gemini" && typeof u.total_tokens === "number" && u.total_tokens > input + output) {
    output = u.total_tokens - input;
  }
  return {
    input_tokens: input,
    output_tokens: output,
    cached_input_tokens: num(obj(u.prompt_tokens_details).cached_tokens),
    reasoning_tokens: reasoning,
    cache_write_tokens: 0,
    estimated: false,
  };
}

function toolCallsFromOpenAI(raw: unknown): ToolCall[] {
  if (!Array.isArray(raw)) return [];
  return raw.map((t) => {
    const fn = obj(obj(t).function);
    return {
      id: String(obj(t).id ?? ""), type: String(obj(t).type ?? "function"),
      function_name: String(fn.name ?? ""), function_arguments: typeof fn.arguments === "string" ? fn.arguments : JSON.stringify(fn.arguments ?? {}),
    };
  });
}

function contentText(raw: unknown): string {
  if (typeof raw === "string") return raw;
  // some compatible servers answer with content parts
  if (Array.isArray(raw)) return raw.map((p) => (typeof obj(p).text === "string" ? obj(p).text : "")).join("");
  return "";
}

export function fromChatCompletion(raw: unknown, requestedModel: string, style: UsageStyle = "openai"): ProviderResponse {
  const body = obj(raw);
  const choices = body.choices;
  if (!Array.isArray(choices) || choices.length === 0) {
    throw new ProviderError("the provider's answer has no choices", {
      code: "provider_bad_response", retryable: true, billable: true, partialText: JSON.stringify(raw ?? null),
    });
  }
  const choice = obj(choices[0]);
  const message = obj(choice.message);
  return {
    content: contentText(message.content),
    toolCalls: toolCallsFromOpenAI(message.tool_calls),
    finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : "",
    usage: usageFromOpenAI(body.usage, style),
    responseModel: typeof body.model === "string" && body.model ? body.model : requestedModel,
  };
}

function toolCallDeltas(raw: unknown[]): ToolCallDelta[] {
  return raw.map((t, position) => {
    const fn = obj(obj(t).function);
    const delta: ToolCallDelta = { index: typeof obj(t).index === "number" ? (obj(t).index as number) : position };
    if (typeof obj(t).id === "string") delta.id = obj(t).id as string;
    if (typeof fn.name === "string") delta.name = fn.name;
    if (typeof fn.arguments === "string") delta.argumentsDelta = fn.arguments;
    return delta;
  });
}

/** One `chat.completion.chunk` of a stream. */
export function fromStreamChunk(raw: unknown, style: UsageStyle = "openai"): ProviderStreamEvent {
  const body = obj(raw);
  const choice = obj(Array.isArray(body.choices) ? body.choices[0] : undefined);
  const delta = obj(choice.delta);
  const event: ProviderStreamEvent = {};
  if (typeof delta.content === "string" && delta.content) event.contentDelta = delta.content;
  if (Array.isArray(delta.tool_calls) && delta.tool_calls.length > 0) event.toolCallDeltas = toolCallDeltas(delta.tool_calls);
  if (typeof choice.finish_reason === "string") event.finishReason = choice.finish_reason;
  const usage = usageFromOpenAI(body.usage, style);
  if (usage) event.usage = usage;
  if (typeof body.model === "string") event.responseModel = body.model;
  return event;
}
