// The OpenAI chat-completions request, validated. Unknown fields are ignored as OpenAI does; the
// fields we know are honoured or rejected with a 400 that names the parameter, never dropped.
import { z } from "zod";
import { invalidRequest, type ChatMessage, type SamplingParams } from "../../../common/src/index.js";
import { acceptPlainRequest } from "./plain-chat-request.js";

const textPart = z.object({ type: z.literal("text"), text: z.string() }).passthrough();
const anyPart = z.object({ type: z.string() }).passthrough();
const content = z.union([z.string(), z.array(z.union([textPart, anyPart])), z.null()]);

const toolCall = z.object({
  id: z.string(),
  type: z.literal("function").default("function"),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

const message = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool"]),
  content: content.optional(),
  name: z.string().optional(),
  tool_call_id: z.string().optional(),
  tool_calls: z.array(toolCall).optional(),
}).passthrough();

export const routerHintsSchema = z.object({
  policy: z.string().optional(),
  cost_weight: z.number().nonnegative().optional(),
  lambda: z.number().nonnegative().optional(),
  cost_cap: z.number().nonnegative().optional(),
  max_cost_usd: z.number().positive().optional(),
  allow_models: z.array(z.string()).optional(),
  deny_models: z.array(z.string()).optional(),
  mode: z.enum(["cheap", "balanced", "quality"]).optional(),
  include_prompts: z.boolean().optional(),
}).strict();

export const chatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(message).min(1),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  n: z.number().int().min(1).max(1, "n > 1 is not supported by the router").nullish(),
  seed: z.number().int().nullish(),
  user: z.string().nullish(),
  tools: z.array(z.object({ type: z.string() }).passthrough()).nullish(),
  tool_choice: z.union([z.string(), z.object({}).passthrough()]).nullish(),
  response_format: z.object({ type: z.string() }).passthrough().nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().optional() }).passthrough().nullish(),
  router: routerHintsSchema.optional(),
}).passthrough();

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type RouterHintsInput = z.infer<typeof routerHintsSchema>;

function paramOf(path: PropertyKey[]): string {
  return path.reduce<string>((acc, part) =>
    typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${String(part)}` : String(part), "");
}

export function parseChatRequest(body: unknown): ChatRequest {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidRequest("The request body must be a JSON object.", null, "invalid_body");
  }
  const plain = acceptPlainRequest(body as Record<string, unknown>);
  if (plain) return plain;
  const parsed = chatRequestSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const param = paramOf(issue.path);
    const missing = issue.code === "invalid_type" && (issue as { input?: unknown }).input === undefined;
    throw invalidRequest(missing ? `Missing required parameter: '${param}'.`
      : `Invalid value for '${param}': ${issue.message}.`, param || null, missing ? "missing_required_parameter" : "invalid_value");
  }
  if (parsed.data.stream_options && !parsed.data.stream) {
    throw invalidRequest("The 'stream_options' parameter is only allowed when 'stream' is enabled.", "stream_options", "invalid_value");
  }
  return parsed.data;
}

type Message = z.infer<typeof message>;

function toChatMessage(m: Message): ChatMessage {
  let text = "";
  let partsJson = "";
  if (typeof m.content === "string") text = m.content;
  else if (Array.isArray(m.content)) {
    text = m.content.filter((p) => p.type === "text").map((p) => String((p as { text?: unknown }).text ?? "")).join("\n");
    if (m.content.some((p) => p.type !== "text")) partsJson = JSON.stringify(m.content);
  }
  return {
    role: m.role, content: text, content_parts_json: partsJson, name: m.name ?? "", tool_call_id: m.tool_call_id ?? "",
    tool_calls: (m.tool_calls ?? []).map((c) => ({
      id: c.id, type: c.type, function_name: c.function.name, function_arguments: c.function.arguments,
    })),
  };
}

export function toChatMessages(request: ChatRequest): ChatMessage[] {
  return request.messages.map(toChatMessage);
}

/** Sampling parameters; max_tokens is 0 here when the client set none (the gateway fills it per model). */
export function toSamplingParams(request: ChatRequest): SamplingParams {
  const stop = request.stop == null ? [] : Array.isArray(request.stop) ? request.stop : [request.stop];
  return {
    temperature: request.temperature ?? undefined,
    top_p: request.top_p ?? undefined,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? 0,
    stop,
    seed: request.seed ?? undefined,
    n: 1,
    user: request.user ?? "",
    tools_json: request.tools ? JSON.stringify(request.tools) : "",
    tool_choice_json: request.tool_choice != null ? JSON.stringify(request.tool_choice) : "",
    response_format_json: request.response_format ? JSON.stringify(request.response_format) : "",
  };
}
