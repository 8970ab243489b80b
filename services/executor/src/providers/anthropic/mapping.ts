// Pure translation between our contract (OpenAI-shaped messages) and Anthropic's Messages API:
// system prompts go to the top-level `system`, tool calls become tool_use / tool_result blocks,
// and usage is normalised so input_tokens counts every prompt token, cache reads and writes included.
import type { ChatMessage__Output, ProviderCall__Output, ToolCall, Usage } from "../../../../common/src/index.js";
import { ProviderError, type ProviderResponse } from "../../core/provider.js";
import { FALLBACK_MAX_TOKENS } from "../openai-compatible/mapping.js";

type Json = Record<string, unknown>;
type Block = Json;

export const ANTHROPIC_VERSION = "2023-06-01";

const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});
const num = (v: unknown): number => (typeof v === "number" && Number.isFinite(v) ? v : 0);

function invalid(message: string, cause?: unknown): ProviderError {
  return new ProviderError(message, { code: "invalid_request", retryable: false, cause });
}

function parseJson(field: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalid(`${field} is not valid JSON`, cause);
  }
}

/** OpenAI content parts -> Anthropic content blocks (text and images). */
function toBlocks(partsJson: string): Block[] {
  const parts = parseJson("content_parts_json", partsJson);
  if (!Array.isArray(parts)) throw invalid("content_parts_json is not an array of content parts");
  return parts.map((raw): Block => {
    const part = obj(raw);
    if (part.type === "text") return { type: "text", text: String(part.text ?? "") };
    if (part.type === "image_url") {
      const url = String(obj(part.image_url).url ?? "");
      const data = /^data:([^;,]+);base64,(.*)$/s.exec(url);
      return data
        ? { type: "image", source: { type: "base64", media_type: data[1], data: data[2] } }
        : { type: "image", source: { type: "url", url } };
    }
    throw invalid(`content part type '${String(part.type)}' is not supported by anthropic`);
  });
}

function textOf(m: ChatMessage__Output): string {
  if (!m.content_parts_json) return m.content;
  return toBlocks(m.content_parts_json).filter((b) => b.type === "text").map((b) => String(b.text)).join("\n");
}

function toAnthropicMessage(m: ChatMessage__Output): { role: "user" | "assistant"; content: Block[] } {
  if (m.role === "tool") {
    return { role: "user", content: [{ type: "tool_result", tool_use_id: m.tool_call_id, content: textOf(m) }] };
  }
  const blocks: Block[] = m.content_parts_json ? toBlocks(m.content_parts_json) : m.content ? [{ type: "text", text: m.content }] : [];
  if (m.role === "assistant") {
    for (const t of m.tool_calls) {
      blocks.push({ type: "tool_use", id: t.id, name: t.function_name, input: t.function_arguments ? parseJson("tool call arguments", t.function_arguments) : {} });
    }
    return { role: "assistant", content: blocks };
  }
  return { role: "user", content: blocks };
}

/** Anthropic wants one system text and alternating turns: consecutive same-role turns are merged. */
function toMessages(messages: readonly ChatMessage__Output[]): { system: string; messages: Json[] } {
  const system: string[] = [];
  const out: { role: string; content: Block[] }[] = [];
  for (const m of messages) {
    if (m.role === "system" || m.role === "developer") { system.push(textOf(m)); continue; }
    const next = toAnthropicMessage(m);
    const last = out.at(-1);
    if (last && last.role === next.role) last.content.push(...next.content);
    else out.push(next);
  }
  return { system: system.filter(Boolean).join("\n\n"), messages: out.map((m) => ({ role: m.role, content: m.content })) };
}

function toTools(toolsJson: string): Json[] {
  const tools = parseJson("tools_json", toolsJson);
  if (!Array.isArray(tools)) throw invalid("tools_json is not an array");
  return tools.map((raw) => {
    const fn = obj(obj(raw).function);
    const tool: Json = { name: fn.name, input_schema: fn.parameters ?? { type: "object", properties: {} } };
    if (typeof fn.description === "string") tool.description = fn.description;
    return tool;
  });
}

function toToolChoice(choiceJson: string): Json {
  const choice = parseJson("tool_choice_json", choiceJson);
  if (choice === "auto") return { type: "auto" };
  if (choice === "none") return { type: "none" };
  if (choice === "required") return { type: "any" };
  const name = obj(obj(choice).function).name;
  if (typeof name === "string") return { type: "tool", name };
  throw invalid("tool_choice_json is not a tool choice anthropic understands");
}

export function toMessagesRequest(call: ProviderCall__Output, options: { stream?: boolean } = {}): Json {
  const p = call.params;
  const { system, messages } = toMessages(call.messages);
  const body: Json = {
    model: call.upstream_model, messages, max_tokens: p && p.max_tokens > 0 ? p.max_tokens : FALLBACK_MAX_TOKENS,
  };
  if (system) body.system = system;
  if (p) {
    if (p.temperature !== undefined && p.temperature !== null) body.temperature = p.temperature;
    if (p.top_p !== undefined && p.top_p !== null) body.top_p = p.top_p;
    if (p.stop.length > 0) body.stop_sequences = p.stop;
    if (p.tools_json) body.tools = toTools(p.tools_json);
    if (p.tool_choice_json) body.tool_choice = toToolChoice(p.tool_choice_json);
    if (p.user) body.metadata = { user_id: p.user };
  }
  if (options.stream) body.stream = true;
  return body;
}

/** Anthropic counts uncached input apart from cache reads and writes; our input_tokens holds all three. */
export function usageFromAnthropic(raw: unknown): Usage | undefined {
  const u = obj(raw);
  if (typeof u.input_tokens !== "number" && typeof u.output_tokens !== "number") return undefined;
  const cacheRead = num(u.cache_read_input_tokens);
  const cacheWrite = num(u.cache_creation_input_tokens);
  return {
    input_tokens: num(u.input_tokens) + cacheRead + cacheWrite,
    output_tokens: num(u.output_tokens),
    cached_input_tokens: cacheRead,
    reasoning_tokens: 0,
    cache_write_tokens: cacheWrite,
    estimated: false,
  };
}

const FINISH_REASONS: Record<string, string> = {
  end_turn: "stop", stop_sequence: "stop", max_tokens: "length", tool_use: "tool_calls", refusal: "content_filter",
  pause_turn: "stop",
};

export const finishReason = (stopReason: unknown): string =>
  typeof stopReason === "string" ? FINISH_REASONS[stopReason] ?? stopReason : "";

export function fromMessage(raw: unknown, requestedModel: string): ProviderResponse {
  const body = obj(raw);
  if (!Array.isArray(body.content)) {
    throw new ProviderError("anthropic's answer has no content", {
      code: "provider_bad_response", retryable: true, billable: true, upstreamStatus: 200, partialText: JSON.stringify(raw ?? null),
    });
  }
  let content = "";
  const toolCalls: ToolCall[] = [];
  for (const block of body.content.map(obj)) {
    if (block.type === "text" && typeof block.text === "string") content += block.text;
    if (block.type === "tool_use") {
      toolCalls.push({ id: String(block.id ?? ""), type: "function", function_name: String(block.name ?? ""), function_arguments: JSON.stringify(block.input ?? {}) });
    }
  }
  return {
    content, toolCalls, finishReason: finishReason(body.stop_reason), usage: usageFromAnthropic(body.usage),
    responseModel: typeof body.model === "string" && body.model ? body.model : requestedModel,
  };
}
