// A Decide request and response with every proto3 default filled in, as gRPC would deliver them,
// for the policy backends the gateway runs in-process. Written out by hand because the protobuf
// encode/decode round trip that does the same copies every prompt byte twice per Decide; the test
// next to this file checks the result against that round trip, so a new proto field is noticed.
// Arrays of strings are shared with the input, not copied: backends never change their request.
import {
  CallStatus, type CallOutcome, type CallOutcome__Output, type CallStatus__Output, type Candidate, type Candidate__Output,
  type ChatMessage, type ChatMessage__Output, type DecideRequest, type DecideRequest__Output, type DecideResponse,
  type DecideResponse__Output, type ModelPrice, type ModelPrice__Output, type RoutingHints, type RoutingHints__Output,
  type SamplingParams, type SamplingParams__Output, type ToolCall, type Usage, type Usage__Output,
} from "../../../common/src/index.js";

type CallModels = NonNullable<DecideResponse["call"]>;
type ModelCall = NonNullable<CallModels["calls"]>[number];

type Int64 = number | string | { toNumber(): number };
const int64 = (v: Int64 | null | undefined): number => (v == null ? 0 : typeof v === "object" ? v.toNumber() : Number(v));
/** proto3 `optional`: absent stays absent (null counts as absent, as protobufjs reads it). */
const optional = (v: Int64 | null | undefined): number | undefined => (v == null ? undefined : int64(v));
const list = <T, U>(items: readonly T[] | null | undefined, fill: (item: T) => U): U[] => (items ? items.map(fill) : []);

const STATUS_NAMES = Object.keys(CallStatus) as CallStatus__Output[];
const status = (s: CallOutcome["status"]): CallStatus__Output =>
  (typeof s === "number" ? STATUS_NAMES[s] ?? s as unknown as CallStatus__Output : s ?? "CALL_STATUS_UNSPECIFIED");

function price(p: ModelPrice | null | undefined): ModelPrice__Output | null {
  if (!p) return null;
  return {
    input_nanousd_per_token: int64(p.input_nanousd_per_token), cached_input_nanousd_per_token: int64(p.cached_input_nanousd_per_token),
    output_nanousd_per_token: int64(p.output_nanousd_per_token), cache_write_nanousd_per_token: int64(p.cache_write_nanousd_per_token),
  };
}

// The gateway sends the same Candidate objects on every Decide (one per catalog model), so their
// filled form is kept rather than rebuilt per request.
const candidates = new WeakMap<Candidate, Candidate__Output>();
function candidate(c: Candidate): Candidate__Output {
  let filled = candidates.get(c);
  if (!filled) {
    candidates.set(c, filled = {
      model_id: c.model_id ?? "", provider: c.provider ?? "", tier: c.tier ?? "", price: price(c.price),
      context_window: c.context_window ?? 0, max_output_tokens: c.max_output_tokens ?? 0,
      capabilities: c.capabilities ?? [], description: c.description ?? "",
    });
  }
  return filled;
}

const toolCall = (t: ToolCall) => ({
  id: t.id ?? "", type: t.type ?? "", function_name: t.function_name ?? "", function_arguments: t.function_arguments ?? "",
});

const message = (m: ChatMessage): ChatMessage__Output => ({
  role: m.role ?? "", content: m.content ?? "", content_parts_json: m.content_parts_json ?? "", name: m.name ?? "",
  tool_call_id: m.tool_call_id ?? "", tool_calls: list(m.tool_calls, toolCall),
});

function usage(u: Usage | null | undefined): Usage__Output | null {
  if (!u) return null;
  return {
    input_tokens: int64(u.input_tokens), output_tokens: int64(u.output_tokens), cached_input_tokens: int64(u.cached_input_tokens),
    reasoning_tokens: int64(u.reasoning_tokens), cache_write_tokens: int64(u.cache_write_tokens), estimated: u.estimated ?? false,
  };
}

const outcome = (o: CallOutcome): CallOutcome__Output => ({
  call_id: o.call_id ?? "", model_id: o.model_id ?? "", turn: o.turn ?? 0, status: status(o.status), content: o.content ?? "",
  usage: usage(o.usage), cost_nanousd: int64(o.cost_nanousd), error_message: o.error_message ?? "",
  system_prompt: o.system_prompt ?? "", temperature: optional(o.temperature),
});

function hints(h: RoutingHints | null | undefined): RoutingHints__Output | null {
  if (!h) return null;
  return {
    cost_weight: optional(h.cost_weight), cost_cap: optional(h.cost_cap), max_cost_nanousd: optional(h.max_cost_nanousd),
    allow_models: h.allow_models ?? [], deny_models: h.deny_models ?? [], mode: h.mode ?? "", policy: h.policy ?? "",
    include_prompts: h.include_prompts ?? false,
  };
}

function params(p: SamplingParams | null | undefined): SamplingParams__Output | null {
  if (!p) return null;
  return {
    temperature: optional(p.temperature), top_p: optional(p.top_p), max_tokens: p.max_tokens ?? 0, stop: p.stop ?? [],
    seed: optional(p.seed), n: p.n ?? 0, user: p.user ?? "", tools_json: p.tools_json ?? "",
    tool_choice_json: p.tool_choice_json ?? "", response_format_json: p.response_format_json ?? "",
  };
}

export function fillDecideRequest(r: DecideRequest): DecideRequest__Output {
  return {
    request_id: r.request_id ?? "", turn: r.turn ?? 0, max_turns: r.max_turns ?? 0, messages: list(r.messages, message),
    candidates: list(r.candidates, candidate),
    remaining_budget_nanousd: optional(r.remaining_budget_nanousd),
    hints: hints(r.hints), outcomes: list(r.outcomes, outcome), params: params(r.params),
  };
}

const modelCall = (c: ModelCall) => ({
  model_id: c.model_id ?? "", system_prompt: c.system_prompt ?? "", temperature: optional(c.temperature), max_tokens: c.max_tokens ?? 0,
});

const callModels = (c: CallModels) => ({ calls: list(c.calls, modelCall), final_if_ok: c.final_if_ok ?? false });

export function fillDecideResponse(r: DecideResponse): DecideResponse__Output {
  const filled: DecideResponse__Output = {
    policy: r.policy ?? "", routing_strategy: r.routing_strategy ?? "", router_usage: usage(r.router_usage),
    router_cost_nanousd: int64(r.router_cost_nanousd), rationale: r.rationale ?? "",
  };
  // a oneof: protobufjs names the member that is set in `action` (the last one, should a backend set two)
  if (r.answer) Object.assign(filled, { answer: { content: r.answer.content ?? "" }, action: "answer" });
  if (r.call) Object.assign(filled, { call: callModels(r.call), action: "call" });
  if (r.select) Object.assign(filled, { select: { call_id: r.select.call_id ?? "" }, action: "select" });
  return filled;
}
