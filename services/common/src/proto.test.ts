import protobuf from "protobufjs";
import { describe, expect, it } from "vitest";
import { PROTO_ROOT, providerCallCodec, providerEventCodec, providerResultCodec } from "./proto.js";
import type { ProviderResult } from "./generated/xrouter/executor/v1/ProviderResult.js";
import type { ProviderCall } from "./generated/xrouter/executor/v1/ProviderCall.js";

const root = new protobuf.Root();
root.resolvePath = (_origin, target) => `${PROTO_ROOT}/${target}`;
root.loadSync(["xrouter/executor/v1/calls.proto"], { keepCase: true });
const callType = root.lookupType("xrouter.executor.v1.ProviderCall");
const resultType = root.lookupType("xrouter.executor.v1.ProviderResult");
const eventType = root.lookupType("xrouter.executor.v1.ProviderEvent");
const viaFromObject = (type: protobuf.Type, value: object) => Buffer.from(type.encode(type.fromObject(value as Record<string, unknown>)).finish());

/** Every field of a call set, the optional ones included, as the gateway builds it. */
const fullCall: ProviderCall = {
  call_id: "call_1", request_id: "req_1", tenant_id: "tenant_1", key_id: "key_1", model_id: "gpt-4o-mini", provider: "openai",
  upstream_model: "gpt-4o-mini-2024-07-18",
  messages: [
    { role: "system", content: "be brief", content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] },
    { role: "assistant", content: "", name: "bot", tool_call_id: "", tool_calls: [{ id: "t1", type: "function", function_name: "f", function_arguments: "{\"a\":1}" }] },
    { role: "tool", content: "42 °C ✓", tool_call_id: "t1", content_parts_json: "[{\"type\":\"image_url\"}]" },
  ],
  params: { temperature: 0.7, top_p: 1, max_tokens: 64, stop: ["\n\n"], seed: 7, n: 1, user: "u", tools_json: "[]", tool_choice_json: "\"auto\"", response_format_json: "" },
  price: { input_nanousd_per_token: 150, cached_input_nanousd_per_token: 75, output_nanousd_per_token: 600, cache_write_nanousd_per_token: 0 },
  reply_subject: "xrouter.reply.gw", deadline_unix_ms: 1_790_000_000_123, stream: true, budget_lease_id: "lease_1",
};

/** Every field a message type declares, nested types included: the plain encoding must meet no enum. */
function enumFields(type: protobuf.Type, seen = new Set<string>()): string[] {
  if (seen.has(type.fullName)) return [];
  seen.add(type.fullName);
  return type.fieldsArray.flatMap((field) => {
    const resolved = field.resolve().resolvedType;
    if (resolved instanceof protobuf.Enum) return [`${type.name}.${field.name}`];
    return resolved instanceof protobuf.Type ? enumFields(resolved, seen) : [];
  });
}

describe("providerCallCodec", () => {
  it("encodes a call to the same bytes as protobufjs's fromObject path", () => {
    expect(Buffer.from(providerCallCodec.encode(fullCall)).equals(viaFromObject(callType, fullCall))).toBe(true);
    const sparse: ProviderCall = { call_id: "call_2", messages: [{ role: "user", content: "hi" }], params: { temperature: undefined } };
    expect(Buffer.from(providerCallCodec.encode(sparse)).equals(viaFromObject(callType, sparse))).toBe(true);
  });

  it("decodes what it encoded", () => {
    const decoded = providerCallCodec.decode(providerCallCodec.encode(fullCall));
    expect(decoded).toMatchObject({ ...fullCall, messages: expect.any(Array) });
    expect(decoded.messages[2]!.content).toBe("42 °C ✓");
    expect(decoded.params!.seed).toBe(7);
  });

  it("a call has no enum field (what lets it skip fromObject)", () => {
    expect(enumFields(callType)).toEqual([]);
  });
});

describe("providerResultCodec and providerEventCodec", () => {
  const result = (status: ProviderResult["status"]): ProviderResult => ({
    call_id: "call_1", request_id: "req_1", model_id: "m", provider: "openai", status, content: "Bonjour ✓",
    tool_calls: [{ id: "t1", type: "function", function_name: "f", function_arguments: "{}" }], finish_reason: "stop",
    usage: { input_tokens: 12, output_tokens: 3, cached_input_tokens: 2, reasoning_tokens: 0, cache_write_tokens: 1, estimated: true }, cost_nanousd: 123_456_789_012, latency_ms: 42,
    attempts: 2, error: { code: "provider_rate_limited", message: "slow down", upstream_status: 429, retryable: true },
    executor_id: "executor-1", response_model: "gpt-4o-mini-2024", simulated: false, execution: 3,
  });

  it("encodes results and events to the same bytes as the fromObject path, for every status", () => {
    const statuses = [...Object.keys(root.lookupEnum("xrouter.executor.v1.CallStatus").values), 2, "NOT_A_STATUS"] as ProviderResult["status"][];
    for (const status of statuses) {
      const r = result(status);
      expect(Buffer.from(providerResultCodec.encode(r)).equals(viaFromObject(resultType, r)), String(status)).toBe(true);
      expect(Buffer.from(providerEventCodec.encode({ result: r })).equals(viaFromObject(eventType, { result: r })), String(status)).toBe(true);
    }
    const delta = { delta: { call_id: "call_1", index: 4, content: "tok ✓" } };
    expect(Buffer.from(providerEventCodec.encode(delta)).equals(viaFromObject(eventType, delta))).toBe(true);
    expect(providerResultCodec.decode(providerResultCodec.encode(result("CALL_STATUS_LOST"))).status).toBe("CALL_STATUS_LOST");
  });

  it("a result's only enum field is its status (what the plain encoding converts)", () => {
    expect(enumFields(resultType)).toEqual(["ProviderResult.status"]);
  });
});
