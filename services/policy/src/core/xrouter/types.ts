// The router LLM as the xrouter backends see it: OpenAI's chat-completions wire shapes (what vLLM
// answers after its hermes tool parser) and the one port the backend calls. The HTTP client lives
// in adapters/, so everything under core/xrouter stays pure and testable with a fake port.

export interface WireToolCall {
  id: string;
  type: "function";
  /** `arguments` is JSON text, exactly as the router produced it. */
  function: { name: string; arguments: string };
}

export type WireMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: WireToolCall[] }
  | { role: "tool"; tool_call_id: string; content: string };

export interface WireTool {
  type: "function";
  function: { name: string; description: string; parameters: Record<string, unknown> };
}

export interface RouterChatRequest {
  messages: WireMessage[];
  tools: WireTool[];
  maxTokens: number;
  temperature: number;
}

export interface RouterChatReply {
  /** The assistant text; null when the server sent none. */
  content: string | null;
  toolCalls: WireToolCall[];
  finishReason: string;
  /** Absent when the endpoint reported no usage; the backend then estimates it. */
  usage?: { promptTokens: number; completionTokens: number };
}

export interface RouterLlm {
  /** Rejects with RouterUnavailableError when the endpoint cannot be reached or answers an error. */
  complete(request: RouterChatRequest): Promise<RouterChatReply>;
}

export type RouterMode = "agent" | "simple";
