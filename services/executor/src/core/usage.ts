// Token counts for answers whose provider reported no usage (and for the simulated provider).
// gpt-tokenizer's default encoding is close enough for billing an estimate, and the result is
// flagged `estimated` so nobody mistakes it for the provider's own count.
import { countCl100kTokens, type ChatMessage__Output, type ToolCall, type Usage } from "../../../common/src/index.js";

// Chat framing per message (role, separators) and for priming the reply, as OpenAI counts it.
const PER_MESSAGE_TOKENS = 4;
const REPLY_PRIMING_TOKENS = 3;
export function countTextTokens(text: string): number {
  return countCl100kTokens(text);
}

export function countMessageTokens(messages: readonly ChatMessage__Output[]): number {
  let total = REPLY_PRIMING_TOKENS;
  for (const m of messages) {
    total += PER_MESSAGE_TOKENS + countTextTokens(m.role) + countTextTokens(m.name);
    total += countTextTokens(m.content_parts_json ? m.content_parts_json : m.content);
    total += countToolCallTokens(m.tool_calls);
  }
  return total;
}

function countToolCallTokens(toolCalls: readonly ToolCall[] | undefined): number {
  let total = 0;
  for (const t of toolCalls ?? []) total += countTextTokens(t.function_name ?? "") + countTextTokens(t.function_arguments ?? "");
  return total;
}

export function estimateUsage(messages: readonly ChatMessage__Output[], content: string, toolCalls: readonly ToolCall[]): Usage {
  return {
    input_tokens: countMessageTokens(messages),
    output_tokens: countTextTokens(content) + countToolCallTokens(toolCalls),
    cached_input_tokens: 0,
    reasoning_tokens: 0,
    cache_write_tokens: 0,
    estimated: true,
  };
}
