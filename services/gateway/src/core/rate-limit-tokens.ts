// What one chat request counts against a key's tokens-per-minute limit, decided before the body
// is validated (the limit is checked right after authentication): the estimated prompt plus the
// most it may generate, as OpenAI counts it. A body that is not a chat request counts its size.
import { estimateInputTokens, estimateTextTokens, type ChatMessage } from "../../../common/src/index.js";

const positiveInt = (v: unknown): number | undefined => (typeof v === "number" && Number.isInteger(v) && v > 0 ? v : undefined);

export function rateLimitTokens(body: unknown, defaultMaxTokens: number): number {
  if (typeof body !== "object" || body === null) return 0;
  const b = body as Record<string, unknown>;
  const rawMessages = Array.isArray(b.messages) ? b.messages : [];
  const messages: ChatMessage[] = rawMessages.map((m) => {
    const content = (m as { content?: unknown } | null)?.content;
    return { content: typeof content === "string" ? content : content === undefined || content === null ? "" : JSON.stringify(content) };
  });
  const output = positiveInt(b.max_completion_tokens) ?? positiveInt(b.max_tokens) ?? defaultMaxTokens;
  const prompt = rawMessages.length > 0 ? estimateInputTokens(messages) : estimateTextTokens(JSON.stringify(b));
  return prompt + output;
}
