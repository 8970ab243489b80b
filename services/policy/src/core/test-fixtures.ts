// Builders for unit tests: requests shaped exactly as the gRPC server hands them to backends
// (defaults filled in, optional fields absent unless given).
import {
  CallStatus, type CallOutcome__Output, type Candidate__Output, type DecideRequest__Output,
  type RoutingHints__Output, type SamplingParams__Output,
} from "../../../common/src/index.js";

export function candidate(
  model_id: string,
  opts: { tier?: string; input?: number; output?: number; context?: number; maxOutput?: number; capabilities?: string[] } = {},
): Candidate__Output {
  return {
    model_id, provider: "simulated", tier: opts.tier ?? "standard", description: "",
    price: {
      input_nanousd_per_token: opts.input ?? 100, cached_input_nanousd_per_token: opts.input ?? 100,
      output_nanousd_per_token: opts.output ?? 400, cache_write_nanousd_per_token: opts.input ?? 100,
    },
    context_window: opts.context ?? 128_000, max_output_tokens: opts.maxOutput ?? 16_384,
    capabilities: opts.capabilities ?? ["tools", "json"],
  };
}

export function hints(overrides: Partial<RoutingHints__Output> = {}): RoutingHints__Output {
  return { allow_models: [], deny_models: [], mode: "", policy: "", include_prompts: false, ...overrides };
}

export function params(overrides: Partial<SamplingParams__Output> = {}): SamplingParams__Output {
  return { max_tokens: 0, stop: [], n: 1, user: "", tools_json: "", tool_choice_json: "", response_format_json: "", ...overrides };
}

export function outcome(
  call_id: string, model_id: string, status: CallOutcome__Output["status"], cost_nanousd = 0,
): CallOutcome__Output {
  return {
    call_id, model_id, turn: 1, status, content: status === CallStatus.CALL_STATUS_OK ? "answer" : "",
    usage: null, cost_nanousd, error_message: status === CallStatus.CALL_STATUS_OK ? "" : "upstream failed", system_prompt: "",
  };
}

export function request(overrides: Partial<DecideRequest__Output> = {}): DecideRequest__Output {
  return {
    request_id: "req-1", turn: 1, max_turns: 3,
    messages: [{ role: "user", content: "What is the capital of France?", content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] }],
    candidates: [], hints: hints(), outcomes: [], params: params(), ...overrides,
  };
}
