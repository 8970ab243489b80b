import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { ProviderCall__Output } from "../../../../common/src/index.js";
import { startFakeOpenAI, type FakeOpenAI } from "../../../../../test/support/fake-openai.js";
import { ProviderError, type ProviderAdapter } from "../../core/provider.js";
import { collectStream } from "../../core/stream.js";
import { createOpenAICompatibleAdapter } from "./index.js";
import { fromStreamChunk, toChatCompletionRequest } from "./mapping.js";

function call(overrides: Partial<ProviderCall__Output> = {}): ProviderCall__Output {
  return {
    call_id: "call_1", request_id: "req_1", tenant_id: "t1", key_id: "k1", model_id: "openai/gpt-4o-mini",
    provider: "openai", upstream_model: "gpt-4o-mini",
    messages: [
      { role: "system", content: "be brief", content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] },
      { role: "user", content: "What is 2+2?", content_parts_json: "", name: "alice", tool_call_id: "", tool_calls: [] },
    ],
    params: {
      temperature: 0.2, max_tokens: 50, stop: ["END"], seed: 7, n: 1, user: "u1",
      tools_json: JSON.stringify([{ type: "function", function: { name: "add", parameters: { type: "object" } } }]),
      tool_choice_json: "\"auto\"", response_format_json: "",
    },
    price: null, reply_subject: "r", deadline_unix_ms: 0, stream: false, budget_lease_id: "",
    ...overrides,
  };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

const never = () => new AbortController().signal;

describe("openai-compatible adapter", () => {
  let fake: FakeOpenAI;
  let adapter: ProviderAdapter;
  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: "sk-test-key" });
    adapter = createOpenAICompatibleAdapter({ provider: "openai", baseUrl: fake.url, apiKey: "sk-test-key" });
  });
  afterEach(() => fake.setBehaviour({}));
  afterAll(async () => { await adapter.close?.(); await fake.close(); });

  it("maps the request and the answer, usage with cached and reasoning tokens included", async () => {
    fake.setBehaviour({ content: "4", model: "gpt-4o-mini-2024-07-18", usage: { prompt: 120, completion: 30, cached: 100, reasoning: 12 } });
    const response = await adapter.complete(call(), never());
    expect(response).toMatchObject({ content: "4", finishReason: "stop", responseModel: "gpt-4o-mini-2024-07-18" });
    expect(response.usage).toEqual({
      input_tokens: 120, output_tokens: 30, cached_input_tokens: 100, reasoning_tokens: 12, cache_write_tokens: 0, estimated: false,
    });
    const sent = fake.requests.at(-1)!;
    expect(sent.path).toBe("/v1/chat/completions");
    expect(sent.headers.authorization).toBe("Bearer sk-test-key");
    expect(sent.body).toMatchObject({
      model: "gpt-4o-mini", temperature: 0.2, max_tokens: 50, stop: ["END"], seed: 7, n: 1, user: "u1", tool_choice: "auto",
      tools: [{ type: "function", function: { name: "add" } }],
      messages: [{ role: "system", content: "be brief" }, { role: "user", content: "What is 2+2?", name: "alice" }],
    });
    expect(sent.body).not.toHaveProperty("response_format");
  });

  it("passes array content and tool-call history through, and returns tool calls", async () => {
    fake.setBehaviour({ toolCalls: [{ id: "tc_9", name: "add", arguments: "{\"a\":2,\"b\":2}" }] });
    const parts = [{ type: "text", text: "look" }, { type: "image_url", image_url: { url: "data:," } }];
    const response = await adapter.complete(call({
      messages: [
        { role: "user", content: "look", content_parts_json: JSON.stringify(parts), name: "", tool_call_id: "", tool_calls: [] },
        { role: "assistant", content: "", content_parts_json: "", name: "", tool_call_id: "",
          tool_calls: [{ id: "tc_1", type: "function", function_name: "add", function_arguments: "{}" }] },
        { role: "tool", content: "4", content_parts_json: "", name: "", tool_call_id: "tc_1", tool_calls: [] },
      ],
    }), never());
    expect(response.finishReason).toBe("tool_calls");
    expect(response.toolCalls).toEqual([{ id: "tc_9", type: "function", function_name: "add", function_arguments: "{\"a\":2,\"b\":2}" }]);
    expect(fake.requests.at(-1)!.body.messages).toEqual([
      { role: "user", content: parts },
      { role: "assistant", content: null, tool_calls: [{ id: "tc_1", type: "function", function: { name: "add", arguments: "{}" } }] },
      { role: "tool", content: "4", tool_call_id: "tc_1" },
    ]);
  });

  it("reports no usage when the provider sends none", async () => {
    fake.setBehaviour({ usage: null });
    expect((await adapter.complete(call(), never())).usage).toBeUndefined();
  });

  it("maps 429 with Retry-After to a retryable rate-limit error carrying the wait", async () => {
    fake.setBehaviour({ status: 429, retryAfter: "3" });
    const error = await failure(adapter.complete(call(), never()));
    expect(error).toMatchObject({ code: "provider_rate_limited", retryable: true, upstreamStatus: 429, retryAfterMs: 3000 });
    fake.setBehaviour({ status: 429, retryAfter: "3", retryAfterMs: 1500 });
    expect((await failure(adapter.complete(call(), never()))).retryAfterMs).toBe(1500);
  });

  it("maps 500 to a retryable error, and the next attempt succeeds", async () => {
    fake.setBehaviour([{ status: 500 }, {}]);
    expect(await failure(adapter.complete(call(), never()))).toMatchObject({ code: "provider_server_error", retryable: true });
    expect((await adapter.complete(call(), never())).content).toContain("Fake answer from gpt-4o-mini");
  });

  it("maps 400 to a permanent error with the upstream detail, and 401 without it", async () => {
    fake.setBehaviour({ status: 400, errorMessage: "max_tokens is too large" });
    const bad = await failure(adapter.complete(call(), never()));
    expect(bad).toMatchObject({ code: "provider_bad_request", retryable: false, upstreamStatus: 400 });
    expect(bad.message).toContain("max_tokens is too large");
    const wrongKey = createOpenAICompatibleAdapter({ provider: "openai", baseUrl: fake.url, apiKey: "sk-wrong-key-123456" });
    const auth = await failure(wrongKey.complete(call(), never()));
    await wrongKey.close?.();
    expect(auth).toMatchObject({ code: "provider_auth_failed", retryable: false, upstreamStatus: 401 });
    expect(auth.message).not.toContain("sk-");
  });

  it("maps a malformed JSON body to a retryable bad-response error", async () => {
    fake.setBehaviour({ malformed: true });
    expect(await failure(adapter.complete(call(), never()))).toMatchObject({ code: "provider_bad_response", retryable: true, upstreamStatus: 200 });
  });

  it("maps a connection reset to a retryable unreachable error", async () => {
    fake.setBehaviour({ reset: true });
    expect(await failure(adapter.complete(call(), never()))).toMatchObject({ code: "provider_unreachable", retryable: true });
  });

  it("stops waiting when the signal aborts", async () => {
    fake.setBehaviour({ hang: true });
    const started = Date.now();
    const error = await failure(adapter.complete(call(), AbortSignal.timeout(150)));
    expect(error.code).toBe("provider_call_aborted");
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("refuses a contract field that is not JSON without calling the provider", async () => {
    const before = fake.requests.length;
    const bad = call();
    bad.params!.tools_json = "{not json";
    expect(await failure(adapter.complete(bad, never()))).toMatchObject({ code: "invalid_request", retryable: false });
    expect(fake.requests.length).toBe(before);
  });

  it("maps the chunks of a streamed answer, usage chunk included", async () => {
    fake.setBehaviour({ content: "one two three", usage: { prompt: 9, completion: 3 } });
    const response = await fetch(`${fake.url}/chat/completions`, {
      method: "POST", headers: { authorization: "Bearer sk-test-key", "content-type": "application/json" },
      body: JSON.stringify(toChatCompletionRequest(call(), { stream: true })),
    });
    const frames = (await response.text()).split("\n\n").filter((f) => f.startsWith("data: "));
    expect(frames.at(-1)).toBe("data: [DONE]");
    const events = frames.slice(0, -1).map((f) => fromStreamChunk(JSON.parse(f.slice("data: ".length))));
    expect(events.map((e) => e.contentDelta ?? "").join("")).toBe("one two three");
    expect(events.at(-2)?.finishReason).toBe("stop");
    expect(events.at(-1)?.usage).toMatchObject({ input_tokens: 9, output_tokens: 3, estimated: false });
  });

  it("streams deltas as they arrive and always asks for the usage", async () => {
    fake.setBehaviour({ content: "alpha beta gamma", usage: { prompt: 11, completion: 3, cached: 4 }, toolCalls: [{ id: "tc_1", name: "add", arguments: "{\"a\":1}" }] });
    const deltas: string[] = [];
    const response = await collectStream((onEvent) => adapter.stream!(call({ stream: true }), never(), onEvent), (d) => deltas.push(d), "x");
    expect(fake.requests.at(-1)!.body).toMatchObject({ stream: true, stream_options: { include_usage: true }, max_tokens: 50 });
    expect(deltas).toEqual(["alpha ", "beta ", "gamma"]);
    expect(response).toMatchObject({ content: "alpha beta gamma", finishReason: "tool_calls" });
    expect(response.toolCalls).toEqual([{ id: "tc_1", type: "function", function_name: "add", function_arguments: "{\"a\":1}" }]);
    expect(response.usage).toMatchObject({ input_tokens: 11, output_tokens: 3, cached_input_tokens: 4, estimated: false });
  });

  it("fails a stream that breaks, with the text seen so far, as billable", async () => {
    fake.setBehaviour({ content: "a b c d e", breakAfterChunks: 3 });
    const error = await failure(collectStream((onEvent) => adapter.stream!(call({ stream: true }), never(), onEvent), () => {}, "x"));
    expect(error).toMatchObject({ code: "provider_unreachable", retryable: true, billable: true, partialText: "a b c " });
  });

  it("aborting a stream closes the connection the provider sees", async () => {
    fake.setBehaviour({ content: "w ".repeat(40), chunkDelayMs: 20 });
    const abort = new AbortController();
    const error = await failure(collectStream((onEvent) => adapter.stream!(call({ stream: true }), abort.signal, onEvent), () => abort.abort(new Error("stop")), "x"));
    expect(error).toMatchObject({ code: "provider_call_aborted", billable: true, partialText: "w " });
    await expect.poll(() => fake.requests.at(-1)!.closedEarly).toBe(true);
  });

  it("sends max_completion_tokens where the endpoint wants it (OpenAI's reasoning models)", async () => {
    const openai = createOpenAICompatibleAdapter({ provider: "openai", baseUrl: fake.url, apiKey: "sk-test-key", maxTokensField: "max_completion_tokens" });
    await openai.complete(call(), never());
    await openai.close?.();
    expect(fake.requests.at(-1)!.body).toMatchObject({ max_completion_tokens: 50 });
    expect(fake.requests.at(-1)!.body).not.toHaveProperty("max_tokens");
  });

  it("counts Gemini's thinking tokens as output when only total_tokens holds them", async () => {
    const gemini = createOpenAICompatibleAdapter({ provider: "gemini", baseUrl: fake.url, apiKey: "sk-test-key", usageStyle: "gemini" });
    fake.setBehaviour({ usage: { prompt: 21, completion: 10, reasoning: 60, total: 91, cached: 5 } });
    expect((await gemini.complete(call(), never())).usage).toEqual({
      input_tokens: 21, output_tokens: 70, cached_input_tokens: 5, reasoning_tokens: 60, cache_write_tokens: 0, estimated: false,
    });
    // the OpenAI convention (completion already holds the reasoning) is left as it is
    fake.setBehaviour({ usage: { prompt: 21, completion: 70, reasoning: 60 } });
    expect((await gemini.complete(call(), never())).usage).toMatchObject({ output_tokens: 70, reasoning_tokens: 60 });
    await gemini.close?.();
  });
});
