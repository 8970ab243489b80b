// OpenAI `chat.completion.chunk` objects for a streamed answer. The first chunk carries the role,
// text chunks carry deltas, the finishing chunk the finish_reason (and tool calls, which arrive
// whole), and the last chunk the usage and xrouter's metadata.
import type { RoutedAnswer } from "./orchestrator.js";
import type { buildCompletion } from "./completion.js";

type Completion = ReturnType<typeof buildCompletion>;

export class ChunkBuilder {
  constructor(private readonly requestId: string, private readonly created: number) {}

  private chunk(model: string, choices: unknown[], extra: Record<string, unknown> = {}) {
    return { id: this.requestId, object: "chat.completion.chunk", created: this.created, model, system_fingerprint: null, choices, ...extra };
  }

  role(model: string) {
    return this.chunk(model, [{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]);
  }

  text(model: string, content: string) {
    return this.chunk(model, [{ index: 0, delta: { content }, logprobs: null, finish_reason: null }]);
  }

  toolCalls(model: string, answer: RoutedAnswer) {
    const toolCalls = answer.toolCalls.map((c, index) => ({
      index, id: c.id, type: c.type || "function", function: { name: c.function_name, arguments: c.function_arguments },
    }));
    return this.chunk(model, [{ index: 0, delta: { tool_calls: toolCalls }, logprobs: null, finish_reason: null }]);
  }

  /** Without include_usage the metadata rides on the finishing chunk, so it still reaches the client. */
  finish(model: string, finishReason: string, metadata?: Completion["router_metadata"]) {
    return this.chunk(model, [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }],
      metadata ? { router_metadata: metadata } : {});
  }

  usage(model: string, completion: Completion) {
    return this.chunk(model, [], { usage: completion.usage, router_metadata: completion.router_metadata });
  }
}
