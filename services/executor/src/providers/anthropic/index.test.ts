import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ProviderCall__Output } from "../../../../common/src/index.js";
import { startFakeAnthropic, type FakeAnthropic } from "../../../../../test/support/fake-anthropic.js";
import { ProviderError, type ProviderAdapter, type ProviderStreamEvent } from "../../core/provider.js";
import { collectStream } from "../../core/stream.js";
import { createAnthropicAdapter } from "./index.js";

const msg = (role: string, content: string, extra: Partial<ProviderCall__Output["messages"][number]> = {}) =>
  ({ role, content, content_parts_json: "", name: "", tool_call_id: "", tool_calls: [], ...extra });

function call(overrides: Partial<ProviderCall__Output> = {}): ProviderCall__Output {
  return {
    call_id: "call_a", request_id: "req_a", tenant_id: "t", key_id: "k", model_id: "claude-sonnet-4.5", provider: "anthropic",
    upstream_model: "claude-sonnet-4-5",
    messages: [msg("system", "be brief"), msg("user", "What is 2+2?")],
    params: {
      temperature: 0.3, max_tokens: 77, stop: ["END"], n: 0, user: "u9", response_format_json: "",
      tools_json: JSON.stringify([{ type: "function", function: { name: "add", description: "adds", parameters: { type: "object" } } }]),
      tool_choice_json: "\"required\"",
    },
    price: null, reply_subject: "r", deadline_unix_ms: 0, stream: false, budget_lease_id: "",
    ...overrides,
  };
}

const never = () => new AbortController().signal;
const failure = async (p: Promise<unknown>) => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(e).toBeInstanceOf(ProviderError);
  return e as ProviderError;
};

describe("anthropic messages adapter", () => {
  let fake: FakeAnthropic;
  let adapter: ProviderAdapter;
  beforeAll(async () => {
    fake = await startFakeAnthropic({ apiKey: "sk-ant-test" });
    adapter = createAnthropicAdapter({ baseUrl: fake.url, apiKey: "sk-ant-test" });
  });
  afterAll(async () => { await adapter.close?.(); await fake.close(); });

  it("maps the request: top-level system, max_tokens, stop sequences, tools, tool choice, headers", async () => {
    fake.setBehaviour({ content: "4", usage: { input: 20, output: 2 } });
    const response = await adapter.complete(call(), never());
    expect(response).toMatchObject({ content: "4", finishReason: "stop", responseModel: "claude-sonnet-4-5" });
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/v1/messages");
    expect(sent.headers["x-api-key"]).toBe("sk-ant-test");
    expect(sent.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.body).toEqual({
      model: "claude-sonnet-4-5", system: "be brief", max_tokens: 77, temperature: 0.3, stop_sequences: ["END"],
      messages: [{ role: "user", content: [{ type: "text", text: "What is 2+2?" }] }],
      tools: [{ name: "add", description: "adds", input_schema: { type: "object" } }], tool_choice: { type: "any" },
      metadata: { user_id: "u9" },
    });
  });

  it("sends tool calls as tool_use and tool results as tool_result blocks, and returns tool calls", async () => {
    fake.setBehaviour({ content: "", toolUse: [{ id: "toolu_2", name: "add", input: { a: 2, b: 2 } }] });
    const response = await adapter.complete(call({
      messages: [
        msg("user", "add 1 and 1"),
        msg("assistant", "", { tool_calls: [{ id: "toolu_1", type: "function", function_name: "add", function_arguments: "{\"a\":1,\"b\":1}" }] }),
        msg("tool", "2", { tool_call_id: "toolu_1" }),
        msg("user", "and 2 and 2?"),
      ],
    }), never());
    expect(response.finishReason).toBe("tool_calls");
    expect(response.toolCalls).toEqual([{ id: "toolu_2", type: "function", function_name: "add", function_arguments: "{\"a\":2,\"b\":2}" }]);
    expect(fake.requests.at(-1)!.body.messages).toEqual([
      { role: "user", content: [{ type: "text", text: "add 1 and 1" }] },
      { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "add", input: { a: 1, b: 1 } }] },
      { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "2" }, { type: "text", text: "and 2 and 2?" }] },
    ]);
  });

  it("normalises usage: input counts cache reads and writes, which are reported apart", async () => {
    fake.setBehaviour({ content: "ok", usage: { input: 100, cacheRead: 2000, cacheWrite: 1000, output: 500 } });
    expect((await adapter.complete(call(), never())).usage).toEqual({
      input_tokens: 3100, output_tokens: 500, cached_input_tokens: 2000, cache_write_tokens: 1000, reasoning_tokens: 0, estimated: false,
    });
  });

  it("maps 529 overloaded, 429 with retry-after and 400 invalid_request_error", async () => {
    fake.setBehaviour({ status: 529 });
    expect(await failure(adapter.complete(call(), never()))).toMatchObject({ code: "provider_overloaded", retryable: true, upstreamStatus: 529, billable: false });
    fake.setBehaviour({ status: 429, retryAfter: "2" });
    expect(await failure(adapter.complete(call(), never()))).toMatchObject({ code: "provider_rate_limited", retryAfterMs: 2000 });
    fake.setBehaviour({ status: 400, errorMessage: "max_tokens: too large" });
    const bad = await failure(adapter.complete(call(), never()));
    expect(bad).toMatchObject({ code: "provider_bad_request", retryable: false });
    expect(bad.message).toContain("max_tokens: too large");
  });

  it("treats a garbled 2xx and a reset as retryable and possibly billed", async () => {
    fake.setBehaviour({ malformed: true });
    expect(await failure(adapter.complete(call(), never()))).toMatchObject({ code: "provider_bad_response", retryable: true, billable: true });
    fake.setBehaviour({ reset: true });
    expect(await failure(adapter.complete(call(), never()))).toMatchObject({ code: "provider_unreachable", retryable: true, billable: true });
  });

  it("streams text and tool calls with the usage of message_start and message_delta", async () => {
    fake.setBehaviour({ content: "one two three", toolUse: [{ id: "toolu_9", name: "add", input: { a: 1 } }], usage: { input: 40, cacheRead: 10, output: 9 } });
    const deltas: string[] = [];
    const response = await collectStream((onEvent) => adapter.stream!(call({ stream: true }), never(), onEvent), (d) => deltas.push(d), "x");
    expect(fake.requests.at(-1)!.body.stream).toBe(true);
    expect(deltas).toEqual(["one ", "two ", "three"]);
    expect(response).toMatchObject({ content: "one two three", finishReason: "tool_calls", responseModel: "claude-sonnet-4-5" });
    expect(response.toolCalls).toEqual([{ id: "toolu_9", type: "function", function_name: "add", function_arguments: "{\"a\":1}" }]);
    expect(response.usage).toMatchObject({ input_tokens: 50, cached_input_tokens: 10, output_tokens: 9, estimated: false });
  });

  it("fails a stream that sends an error event, carrying the text seen so far", async () => {
    fake.setBehaviour({ content: "a b c d", breakAfterChunks: 2, streamError: { type: "overloaded_error", message: "Overloaded" } });
    const error = await failure(collectStream((onEvent) => adapter.stream!(call({ stream: true }), never(), onEvent), () => {}, "x"));
    expect(error).toMatchObject({ code: "provider_overloaded", billable: true, partialText: "a b " });
    expect(error.partialUsage).toMatchObject({ input_tokens: expect.any(Number) });
  });

  it("closes the upstream connection when the stream is aborted", async () => {
    fake.setBehaviour({ content: "w ".repeat(50), chunkDelayMs: 20 });
    const abort = new AbortController();
    const seen: ProviderStreamEvent[] = [];
    const error = await failure(adapter.stream!(call({ stream: true }), abort.signal, (event) => {
      seen.push(event);
      if (event.contentDelta) abort.abort(new Error("cancelled"));
    }));
    expect(error).toMatchObject({ code: "provider_call_aborted", billable: true });
    await expect.poll(() => fake.requests.at(-1)!.closedEarly).toBe(true);
  });
});
