import { describe, expect, it } from "vitest";
import { XRouterError } from "../../../common/src/index.js";
import { parseChatRequest, toChatMessages, toSamplingParams } from "./chat-request.js";

function rejection(body: unknown): XRouterError {
  try {
    parseChatRequest(body);
  } catch (error) {
    if (error instanceof XRouterError) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("parseChatRequest", () => {
  it("accepts a minimal request and ignores unknown fields", () => {
    const req = parseChatRequest({ model: "router", messages: [{ role: "user", content: "hi" }], some_future_field: 1 });
    expect(req.model).toBe("router");
  });

  it("names the missing parameter", () => {
    const error = rejection({ model: "router" });
    expect(error.status).toBe(400);
    expect(error.param).toBe("messages");
    expect(error.code).toBe("missing_required_parameter");
  });

  it("names a parameter of the wrong type with its path", () => {
    const error = rejection({ model: "router", messages: [{ role: "user", content: 42 }] });
    expect(error.param).toBe("messages[0].content");
    expect(error.type).toBe("invalid_request_error");
  });

  it("rejects non-objects, empty messages, n > 1 and out-of-range temperature", () => {
    expect(rejection([1, 2]).code).toBe("invalid_body");
    expect(rejection({ model: "router", messages: [] }).param).toBe("messages");
    expect(rejection({ model: "router", messages: [{ role: "user", content: "x" }], n: 2 }).param).toBe("n");
    expect(rejection({ model: "router", messages: [{ role: "user", content: "x" }], temperature: 3 }).param).toBe("temperature");
    expect(rejection({ model: "router", messages: [{ role: "wizard", content: "x" }] }).param).toBe("messages[0].role");
  });
});

describe("conversion to the contract", () => {
  it("keeps the whole history, array content and tool calls", () => {
    const req = parseChatRequest({
      model: "router",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: [{ type: "text", text: "what is" }, { type: "image_url", image_url: { url: "data:x" } }] },
        { role: "assistant", content: null, tool_calls: [{ id: "t1", type: "function", function: { name: "f", arguments: "{}" } }] },
        { role: "tool", tool_call_id: "t1", content: "42" },
      ],
    });
    const messages = toChatMessages(req);
    expect(messages.map((m) => m.role)).toEqual(["system", "user", "assistant", "tool"]);
    expect(messages[1]!.content).toBe("what is");
    expect(JSON.parse(messages[1]!.content_parts_json!)).toHaveLength(2);
    expect(messages[2]!.tool_calls![0]!.function_name).toBe("f");
    expect(messages[3]!.tool_call_id).toBe("t1");
  });

  it("maps sampling parameters, max_completion_tokens winning over max_tokens", () => {
    const req = parseChatRequest({
      model: "router", messages: [{ role: "user", content: "x" }], max_tokens: 10, max_completion_tokens: 20,
      stop: "END", seed: 7, tools: [{ type: "function", function: { name: "f" } }], response_format: { type: "json_object" },
    });
    const params = toSamplingParams(req);
    expect(params.max_tokens).toBe(20);
    expect(params.stop).toEqual(["END"]);
    expect(params.seed).toBe(7);
    expect(JSON.parse(params.tools_json!)).toHaveLength(1);
    expect(JSON.parse(params.response_format_json!)).toEqual({ type: "json_object" });
  });
});
