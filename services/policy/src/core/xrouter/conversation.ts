// Rebuilds the router LLM's conversation from a DecideRequest alone, so the backend keeps no state
// between Decide calls: the gateway's outcomes are the record of what the router asked for and
// got. Unlike xRouter's reference server, the client's earlier assistant and tool turns are kept.
import {
  CallStatus, type CallOutcome__Output, type ChatMessage__Output, type DecideRequest__Output,
} from "../../../../common/src/index.js";
import { routerSystemPrompt } from "./prompt.js";
import type { Toolset } from "./tools.js";
import type { RouterChatReply, RouterMode, WireMessage } from "./types.js";

/** Keeps several long answers inside a 32k-token router context; select_response still returns them whole. */
export const MAX_TOOL_RESULT_CHARS = 24_000;

export interface Problem {
  /** The wire tool call the problem is about; absent for the reply as a whole. */
  toolCallId?: string;
  message: string;
}

export interface ConversationInput {
  request: DecideRequest__Output;
  toolset: Toolset;
  mode: RouterMode;
  callsOffered: boolean;
  clientTools: boolean;
}

export function buildConversation({ request, toolset, mode, callsOffered, clientTools }: ConversationInput): WireMessage[] {
  const instructions = request.messages
    .filter((m) => (m.role === "system" || m.role === "developer") && m.content.trim() !== "")
    .map((m) => m.content);
  const system = routerSystemPrompt({
    mode, turn: request.turn, maxTurns: request.max_turns, callsOffered, selectOffered: toolset.selectOffered, instructions, clientTools,
  });
  return [{ role: "system", content: system }, ...clientTurns(request.messages), ...routerTurns(request.outcomes, toolset)];
}

function text(message: ChatMessage__Output): string {
  if (message.content) return message.content;
  return message.content_parts_json ? "[non-text content]" : "";
}

/**
 * The client's tool calls are rendered as text: as real tool calls they would share a namespace
 * with the router's own tools and invite it to call a tool it does not have.
 */
function clientTurns(messages: readonly ChatMessage__Output[]): WireMessage[] {
  const toolNames = new Map<string, string>();
  const out: WireMessage[] = [];
  for (const m of messages) {
    if (m.role === "user") out.push({ role: "user", content: text(m) });
    else if (m.role === "assistant") {
      const calls = m.tool_calls.map((c) => {
        toolNames.set(c.id, c.function_name);
        return `[called the application's tool ${c.function_name} with ${c.function_arguments || "{}"}]`;
      });
      out.push({ role: "assistant", content: [text(m), ...calls].filter(Boolean).join("\n") });
    } else if (m.role === "tool") {
      const name = toolNames.get(m.tool_call_id) ?? (m.name || "a tool");
      out.push({ role: "user", content: `[result of the application's tool ${name}]\n${text(m)}` });
    }
  }
  return out;
}

function routerTurns(outcomes: readonly CallOutcome__Output[], toolset: Toolset): WireMessage[] {
  const turns = new Map<number, CallOutcome__Output[]>();
  for (const o of outcomes) turns.set(o.turn, [...(turns.get(o.turn) ?? []), o]);
  const out: WireMessage[] = [];
  for (const turn of [...turns.keys()].sort((a, b) => a - b)) {
    const group = turns.get(turn)!;
    out.push({
      role: "assistant", content: null,
      // the router sees its own earlier tool calls exactly as it wrote them
      tool_calls: group.map((o) => ({
        id: o.call_id, type: "function", function: {
          name: toolset.toolByModel.get(o.model_id)!,
          arguments: JSON.stringify({
            optimized_system_prompt: o.system_prompt,
            ...(o.temperature !== undefined && o.temperature !== null ? { temperature: o.temperature } : {}),
          }),
        },
      })),
    });
    for (const o of group) out.push({ role: "tool", tool_call_id: o.call_id, content: toolResult(o) });
  }
  return out;
}

export function toolResult(outcome: CallOutcome__Output): string {
  if (outcome.status === CallStatus.CALL_STATUS_OK) {
    const content = outcome.content;
    if (content.length <= MAX_TOOL_RESULT_CHARS) return content;
    return `${content.slice(0, MAX_TOOL_RESULT_CHARS)}\n[truncated: ${content.length - MAX_TOOL_RESULT_CHARS} more characters]`;
  }
  const status = String(outcome.status).replace("CALL_STATUS_", "").toLowerCase();
  return `Error: the call to ${outcome.model_id} failed (${status}: ${outcome.error_message || "no detail"}). `
    + "That model cannot be called again for this request.";
}

/**
 * What goes back to the router after an unusable reply: its reply, then one tool message per tool
 * call it made (OpenAI requires an answer to each) and a user message for problems of the reply
 * as a whole, such as an empty answer or a tool call written as unparseable text.
 */
export function correctionMessages(reply: RouterChatReply, problems: readonly Problem[]): WireMessage[] {
  const wireIds = new Set(reply.toolCalls.map((c) => c.id));
  const out: WireMessage[] = [{
    role: "assistant", content: reply.content ?? "",
    ...(reply.toolCalls.length > 0 ? { tool_calls: reply.toolCalls } : {}),
  }];
  for (const call of reply.toolCalls) {
    const own = problems.filter((p) => p.toolCallId === call.id).map((p) => p.message);
    out.push({
      role: "tool", tool_call_id: call.id,
      content: own.length > 0 ? `Error: ${own.join(" ")}` : "Not run: another tool call in the same message was invalid.",
    });
  }
  const general = problems.filter((p) => p.toolCallId === undefined || !wireIds.has(p.toolCallId)).map((p) => p.message);
  if (general.length > 0 || reply.toolCalls.length === 0) {
    const reasons = general.join(" ") || "it was empty.";
    out.push({ role: "user", content: `Your last reply could not be used: ${reasons} Reply again, following the rules.` });
  } else {
    out.push({ role: "user", content: "Some tool calls could not be run (see the errors). Reply again with valid tool calls or a direct answer." });
  }
  return out;
}
