// What the fake router LLM answers in docker compose: a cost-minded router in miniature. It calls
// the tool whose description quotes the lowest cost for the request, then returns that answer with
// select_response, so requests through the `xrouter` policy complete in two turns.
import type { ScriptedReply, VllmRequest } from "../../test/support/fake-vllm.js";

const SYSTEM_PROMPT = "You are a helpful assistant. Answer the user's request accurately and concisely.";

/** The "costs about $X" the policy writes into each call tool's description; unknown sorts last. */
export function quotedCost(description: string | undefined): number {
  const match = /costs about \$([0-9]+(?:\.[0-9]+)?)/.exec(description ?? "");
  return match ? Number(match[1]) : Number.POSITIVE_INFINITY;
}

export function cheapestRouter(request: VllmRequest): ScriptedReply {
  const tools = request.body.tools ?? [];
  const select = tools.find((t) => t.function.name === "select_response");
  const selectable: unknown = select?.function.parameters?.properties?.model_call_name?.enum;
  if (Array.isArray(selectable) && typeof selectable[0] === "string") {
    return { toolCalls: [{ name: "select_response", arguments: { model_call_name: selectable[0] } }] };
  }
  const calls = tools
    .filter((t) => t.function.name.startsWith("call_"))
    .map((t, index) => ({ name: t.function.name, cost: quotedCost(t.function.description), index }))
    .sort((a, b) => a.cost - b.cost || a.index - b.index);
  const cheapest = calls[0];
  if (!cheapest) return { content: "No model is available for this request." };
  return { toolCalls: [{ name: cheapest.name, arguments: { optimized_system_prompt: SYSTEM_PROMPT } }] };
}
