// Collects one streamed attempt: each text delta goes to `onDelta` the moment it arrives, tool-call
// fragments are joined by index, usage is merged field by field, and the whole answer comes back
// as a ProviderResponse. When the stream breaks, the error carries the text seen so far.
import type { ToolCall, Usage } from "../../../common/src/index.js";
import { asProviderError, type ProviderResponse, type ProviderStreamEvent } from "./provider.js";

const USAGE_KEYS = ["input_tokens", "output_tokens", "cached_input_tokens", "reasoning_tokens", "cache_write_tokens"] as const;

/** Runs an attempt that pushes its events (an adapter's `stream`, bound to its call). */
export type StreamAttempt = (onEvent: (event: ProviderStreamEvent) => void) => Promise<void>;

export async function collectStream(
  attempt: StreamAttempt, onDelta: (content: string) => void, requestedModel: string,
): Promise<ProviderResponse> {
  let text = "";
  let finishReason = "";
  let responseModel = "";
  const usage: Partial<Usage> = {};
  let sawUsage = false;
  const tools = new Map<number, { id: string; name: string; args: string }>();
  const onEvent = (event: ProviderStreamEvent) => {
    if (event.responseModel) responseModel = event.responseModel;
    if (event.finishReason) finishReason = event.finishReason;
    if (event.usage) {
      sawUsage = true;
      for (const key of USAGE_KEYS) if (event.usage[key] !== undefined) usage[key] = event.usage[key];
    }
    if (event.toolCallDeltas) {
      for (const d of event.toolCallDeltas) {
        const tool = tools.get(d.index) ?? { id: "", name: "", args: "" };
        if (d.id) tool.id = d.id;
        if (d.name) tool.name = d.name;
        tool.args += d.argumentsDelta ?? "";
        tools.set(d.index, tool);
      }
    }
    if (event.contentDelta) {
      text += event.contentDelta;
      onDelta(event.contentDelta);
    }
  };
  try {
    await attempt(onEvent);
  } catch (raw) {
    const error = asProviderError(raw);
    // once output flowed the provider was generating: it bills what it generated
    throw error.withPartial({ text, usage: sawUsage ? usage : undefined, billable: error.billable || text.length > 0 });
  }
  const toolCalls: ToolCall[] = [...tools.entries()].sort(([a], [b]) => a - b)
    .map(([, t]) => ({ id: t.id, type: "function", function_name: t.name, function_arguments: t.args || "{}" }));
  const complete = sawUsage && usage.input_tokens !== undefined && usage.output_tokens !== undefined;
  return {
    content: text, toolCalls, finishReason: finishReason || (toolCalls.length > 0 ? "tool_calls" : "stop"),
    usage: complete ? { ...usage, estimated: false } : undefined, responseModel: responseModel || requestedModel,
  };
}
