// The router LLM over HTTP: any OpenAI-compatible chat-completions endpoint with tool calling
// (vLLM with --enable-auto-tool-choice --tool-call-parser hermes serving an xRouter checkpoint).
// One keep-alive undici Pool; every failure to get a chat completion becomes RouterUnavailableError.
import { Pool } from "undici";
import { z } from "zod";
import { RouterUnavailableError } from "../core/errors.js";
import type { RouterChatReply, RouterChatRequest, RouterLlm, WireToolCall } from "../core/xrouter/types.js";

export interface RouterLlmOptions {
  /** e.g. http://vllm:8000/v1; requests go to `${baseUrl}/chat/completions`. */
  baseUrl: string;
  model: string;
  apiKey?: string;
  timeoutMs: number;
  connections?: number;
}

// Only what the backend reads; vLLM adds fields (reasoning_content, stop_reason ...) that are ignored.
const completionSchema = z.object({
  choices: z.array(z.object({
    message: z.object({
      content: z.string().nullish(),
      tool_calls: z.array(z.object({
        id: z.string().nullish(),
        function: z.object({ name: z.string().nullish(), arguments: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish() }),
      })).nullish(),
    }).nullish(),
    finish_reason: z.string().nullish(),
  })).default([]),
  usage: z.object({ prompt_tokens: z.number().int().nonnegative(), completion_tokens: z.number().int().nonnegative() }).nullish(),
});

export function parseCompletion(body: unknown): RouterChatReply {
  const parsed = completionSchema.safeParse(body);
  if (!parsed.success) throw new RouterUnavailableError("the answer is not a chat completion", "bad_response", { cause: parsed.error });
  const choice = parsed.data.choices[0];
  const toolCalls: WireToolCall[] = (choice?.message?.tool_calls ?? []).map((c, i) => ({
    id: c.id || `router_call_${i}`, type: "function", function: {
      name: c.function.name ?? "",
      arguments: typeof c.function.arguments === "string" ? c.function.arguments : JSON.stringify(c.function.arguments ?? {}),
    },
  }));
  const usage = parsed.data.usage;
  return {
    content: choice?.message?.content ?? null, toolCalls, finishReason: choice?.finish_reason ?? "",
    ...(usage ? { usage: { promptTokens: usage.prompt_tokens, completionTokens: usage.completion_tokens } } : {}),
  };
}

export class HttpRouterLlm implements RouterLlm {
  private readonly pool: Pool;
  private readonly path: string;
  private readonly url: string;
  private readonly headers: Record<string, string>;

  constructor(private readonly options: RouterLlmOptions) {
    const base = new URL(options.baseUrl);
    this.path = `${base.pathname.replace(/\/+$/, "")}/chat/completions`;
    this.url = `${base.origin}${this.path}`;
    this.pool = new Pool(base.origin, { connections: options.connections ?? 32, keepAliveTimeout: 30_000 });
    this.headers = { "content-type": "application/json", accept: "application/json" };
    if (options.apiKey) this.headers.authorization = `Bearer ${options.apiKey}`;
  }

  async complete(request: RouterChatRequest): Promise<RouterChatReply> {
    const body = JSON.stringify({
      model: this.options.model, messages: request.messages, max_tokens: request.maxTokens, temperature: request.temperature,
      ...(request.tools.length > 0 ? { tools: request.tools, tool_choice: "auto" } : {}),
    });
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let status: number;
    let text: string;
    try {
      const response = await this.pool.request({ method: "POST", path: this.path, headers: this.headers, body, signal });
      status = response.statusCode;
      text = await response.body.text();
    } catch (error) {
      if (signal.aborted) throw new RouterUnavailableError(`no answer within ${this.options.timeoutMs} ms`, "timeout", { cause: error });
      throw new RouterUnavailableError(`could not connect to ${this.url}: ${(error as Error).message}`, "connect", { cause: error });
    }
    if (status < 200 || status >= 300) {
      throw new RouterUnavailableError(`HTTP ${status}: ${text.slice(0, 300)}`, "http");
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new RouterUnavailableError("the answer is not JSON", "bad_response", { cause });
    }
    return parseCompletion(json);
  }

  async close(): Promise<void> {
    await this.pool.destroy();
  }
}
