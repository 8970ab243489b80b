// The OpenAI `chat.completion` object for a routed answer, with xrouter's `router_metadata`.
import { nanoToUsd } from "../../../common/src/index.js";
import type { RoutedAnswer } from "./orchestrator.js";

export interface CompletionOptions {
  requestId: string;
  createdUnixS: number;
  totalTimeMs: number;
  includePrompts: boolean;
}

export function buildCompletion(answer: RoutedAnswer, options: CompletionOptions) {
  const toolCalls = answer.toolCalls.map((c) => ({
    id: c.id, type: c.type || "function", function: { name: c.function_name, arguments: c.function_arguments },
  }));
  const totalNano = answer.targetCostNanoUsd + answer.routerCostNanoUsd;
  return {
    id: options.requestId,
    object: "chat.completion" as const,
    created: options.createdUnixS,
    model: answer.modelUsed,
    system_fingerprint: null,
    choices: [{
      index: 0,
      message: {
        role: "assistant" as const,
        content: toolCalls.length > 0 && answer.content === "" ? null : answer.content,
        refusal: null,
        ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
      },
      logprobs: null,
      finish_reason: answer.finishReason,
    }],
    usage: {
      prompt_tokens: answer.usage.input_tokens,
      completion_tokens: answer.usage.output_tokens,
      total_tokens: answer.usage.input_tokens + answer.usage.output_tokens,
      prompt_tokens_details: { cached_tokens: answer.usage.cached_input_tokens },
      completion_tokens_details: { reasoning_tokens: answer.usage.reasoning_tokens },
    },
    router_metadata: {
      request_id: options.requestId,
      model_used: answer.modelUsed,
      total_cost: nanoToUsd(totalNano),
      router_cost: nanoToUsd(answer.routerCostNanoUsd),
      target_models_cost: nanoToUsd(answer.targetCostNanoUsd),
      total_cost_nanousd: totalNano,
      total_time: options.totalTimeMs / 1000,
      routing_strategy: answer.routingStrategy,
      policy: answer.policy,
      turns_used: answer.turnsUsed,
      simulated: answer.simulated,
      call_history: answer.callHistory.map(({ system_prompt, response, ...entry }) => ({
        ...entry,
        cost: nanoToUsd(entry.cost_nanousd),
        ...(options.includePrompts ? { system_prompt, response } : {}),
      })),
    },
  };
}
