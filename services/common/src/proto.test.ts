import { describe, expect, it } from "vitest";
import { providerEventCodec, providerResultCodec, resultEventBytes } from "./proto.js";
import type { ProviderResult } from "./generated/xrouter/executor/v1/ProviderResult.js";

const result: ProviderResult = {
  call_id: "call_1", request_id: "req_1", model_id: "gpt-4o-mini", provider: "openai", status: "CALL_STATUS_OK",
  content: "é".repeat(200), tool_calls: [{ id: "t1", type: "function", function_name: "lookup", function_arguments: "{\"q\":1}" }], finish_reason: "stop",
  usage: { input_tokens: 12, output_tokens: 300 }, cost_nanousd: 123_456, latency_ms: 42, attempts: 1, executor_id: "executor-1",
};

describe("resultEventBytes", () => {
  it("wraps an encoded result into exactly the bytes of ProviderEvent { result }", () => {
    const wrapped = resultEventBytes(providerResultCodec.encode(result));
    expect(Buffer.from(wrapped)).toEqual(Buffer.from(providerEventCodec.encode({ result })));
    const decoded = providerEventCodec.decode(wrapped);
    expect(decoded.event).toBe("result");
    expect(decoded.result).toMatchObject({ call_id: "call_1", content: "é".repeat(200), cost_nanousd: 123_456 });
  });
});
