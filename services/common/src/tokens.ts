// Token estimates used before a call (budget reservation, candidate filtering). They must be
// cheap on the hot path and should not undercount: cl100k averages about 4 bytes of English per
// token, so bytes/3 plus the per-message framing overestimates almost every real prompt.
import type { ChatMessage } from "./generated/xrouter/chat/v1/ChatMessage.js";

const PER_MESSAGE_OVERHEAD = 4;

export function estimateTextTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, "utf8") / 3);
}

export function estimateInputTokens(messages: readonly ChatMessage[]): number {
  let total = 3;
  for (const m of messages) {
    total += PER_MESSAGE_OVERHEAD + estimateTextTokens(m.content ?? "") + estimateTextTokens(m.content_parts_json ?? "");
    for (const call of m.tool_calls ?? []) {
      total += estimateTextTokens(call.function_name ?? "") + estimateTextTokens(call.function_arguments ?? "");
    }
  }
  return total;
}
