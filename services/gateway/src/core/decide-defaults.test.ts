import { describe, expect, it } from "vitest";
import {
  decideRequestCodec, decideResponseCodec, loadCatalog, type DecideRequest, type DecideResponse,
} from "../../../common/src/index.js";
import { toCandidate } from "./candidates.js";
import { fillDecideRequest, fillDecideResponse } from "./decide-defaults.js";

/** protobufjs also names each set proto3 `optional` field in a `_field` key; nothing reads those. */
function withoutOneofNames(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutOneofNames);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(Object.entries(value).filter(([k]) => !k.startsWith("_")).map(([k, v]) => [k, withoutOneofNames(v)]));
}

const viaRequestCodec = (r: DecideRequest) => withoutOneofNames(decideRequestCodec.decode(decideRequestCodec.encode(r)));
const viaResponseCodec = (r: DecideResponse) => withoutOneofNames(decideResponseCodec.decode(decideResponseCodec.encode(r)));

const catalog = loadCatalog("xrouter");

// every field of every message set, as the gateway's orchestrator sends them, or with proto defaults left out
const full: DecideRequest = {
  request_id: "chatcmpl-1", turn: 2, max_turns: 3,
  messages: [
    { role: "system", content: "be brief", content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] },
    { role: "assistant", content: "", tool_calls: [{ id: "t1", type: "function", function_name: "f", function_arguments: "{}" }] },
    { role: "user", content: "see", content_parts_json: "[{\"type\":\"image_url\"}]", name: "ann" },
  ],
  candidates: catalog.models.slice(0, 4).map(toCandidate),
  remaining_budget_nanousd: 123_456_789_012,
  hints: { cost_weight: 0.5, cost_cap: 2, max_cost_nanousd: 5_000_000, allow_models: ["a"], deny_models: ["b"], mode: "cheap", policy: "tier", include_prompts: true },
  outcomes: [
    { call_id: "c1", model_id: "m1", turn: 1, status: "CALL_STATUS_OK", content: "hi", cost_nanousd: 42, error_message: "", system_prompt: "s", temperature: 0.2,
      usage: { input_tokens: 10, output_tokens: 5, cached_input_tokens: 1, reasoning_tokens: 2, cache_write_tokens: 3, estimated: true } },
    { call_id: "c2", model_id: "m2", turn: 1, status: "CALL_STATUS_TIMEOUT", usage: undefined },
    { call_id: "c3", model_id: "m3", status: 5 },
  ],
  params: { temperature: 0.7, top_p: 0.9, max_tokens: 100, stop: ["x"], seed: 7, n: 1, user: "u", tools_json: "[]", tool_choice_json: "\"auto\"", response_format_json: "{}" },
};

describe("fillDecideRequest", () => {
  it("fills a request exactly as the protobuf round trip does", () => {
    expect(fillDecideRequest(full)).toEqual(viaRequestCodec(full));
  });

  it("fills an empty request and empty nested messages alike", () => {
    expect(fillDecideRequest({})).toEqual(viaRequestCodec({}));
    const sparse: DecideRequest = { hints: {}, params: {}, messages: [{}], candidates: [{}], outcomes: [{ usage: {} }], remaining_budget_nanousd: 0 };
    expect(fillDecideRequest(sparse)).toEqual(viaRequestCodec(sparse));
    expect(fillDecideRequest(sparse).remaining_budget_nanousd).toBe(0);
    expect(fillDecideRequest({ hints: {} }).hints!.cost_weight).toBeUndefined();
  });
});

describe("fillDecideResponse", () => {
  it.each<[string, DecideResponse]>([
    ["call", { call: { calls: [{ model_id: "m", max_tokens: 10 }, { model_id: "n", system_prompt: "s", temperature: 0.3 }], final_if_ok: true }, policy: "cheapest", routing_strategy: "cheapest", rationale: "r" }],
    ["select", { select: { call_id: "c1" }, policy: "tier", router_cost_nanousd: 12, router_usage: { input_tokens: 3 } }],
    ["answer", { answer: { content: "direct" } }],
    ["nothing", {}],
  ])("fills a %s decision as the protobuf round trip does", (_, response) => {
    expect(fillDecideResponse(response)).toEqual(viaResponseCodec(response));
  });
});
