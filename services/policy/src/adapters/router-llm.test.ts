import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeVllm, type FakeVllm } from "../../../../test/support/fake-vllm.js";
import { RouterUnavailableError } from "../core/errors.js";
import type { RouterChatRequest } from "../core/xrouter/types.js";
import { HttpRouterLlm, parseCompletion } from "./router-llm.js";

const chat: RouterChatRequest = {
  messages: [{ role: "system", content: "rules" }, { role: "user", content: "hi" }], maxTokens: 1024, temperature: 0,
  tools: [{ type: "function", function: { name: "call_gpt_5", description: "d", parameters: { type: "object" } } }],
};

async function failure(promise: Promise<unknown>): Promise<RouterUnavailableError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(RouterUnavailableError);
  return error as RouterUnavailableError;
}

describe("HttpRouterLlm", () => {
  let vllm: FakeVllm;
  let client: HttpRouterLlm;

  beforeAll(async () => {
    vllm = await startFakeVllm();
    client = new HttpRouterLlm({ baseUrl: `${vllm.url}/`, model: "Salesforce/xRouter-7b", apiKey: "router-key", timeoutMs: 2000 });
  });

  afterAll(async () => {
    await client?.close();
    await vllm?.close();
  });

  it("posts OpenAI's request with the tools and reads vLLM's tool calls and usage", async () => {
    vllm.setScript(() => ({ toolCalls: [{ name: "call_gpt_5", arguments: { optimized_system_prompt: "P" } }], usage: { prompt: 321, completion: 12 } }));
    const reply = await client.complete(chat);
    const seen = vllm.requests.at(-1)!;
    expect(seen.body).toMatchObject({ model: "Salesforce/xRouter-7b", tool_choice: "auto", max_tokens: 1024, temperature: 0, messages: chat.messages });
    expect(seen.body.tools).toEqual(chat.tools);
    expect(seen.headers.authorization).toBe("Bearer router-key");
    expect(reply.toolCalls).toEqual([{ id: expect.stringMatching(/^chatcmpl-tool-/), type: "function", function: { name: "call_gpt_5", arguments: '{"optimized_system_prompt":"P"}' } }]);
    expect(reply.usage).toEqual({ promptTokens: 321, completionTokens: 12 });
    expect(reply.content).toBeNull();
  });

  it("passes hermes text through as content and leaves usage absent when not reported", async () => {
    vllm.setScript(() => ({ rawHermes: true, toolCalls: [{ name: "call_gpt_5", arguments: {} }], usage: null }));
    const reply = await client.complete(chat);
    expect(reply.content).toContain("<tool_call>");
    expect(reply.toolCalls).toEqual([]);
    expect(reply.usage).toBeUndefined();
  });

  it("sends no tools field when there are no tools", async () => {
    vllm.setScript(() => ({ content: "x" }));
    await client.complete({ ...chat, tools: [] });
    expect(vllm.requests.at(-1)!.body).not.toHaveProperty("tools");
    expect(vllm.requests.at(-1)!.body).not.toHaveProperty("tool_choice");
  });

  it("fails with kind http on an error status and timeout when no answer comes in time", async () => {
    vllm.setScript(() => ({ status: 503 }));
    expect((await failure(client.complete(chat))).kind).toBe("http");
    const quick = new HttpRouterLlm({ baseUrl: vllm.url, model: "m", timeoutMs: 100 });
    vllm.setScript(() => ({ hang: true }));
    expect((await failure(quick.complete(chat))).kind).toBe("timeout");
    await quick.close();
  });

  it("fails with kind connect when nothing listens", async () => {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    const nobody = new HttpRouterLlm({ baseUrl: `http://127.0.0.1:${port}/v1`, model: "m", timeoutMs: 2000 });
    const error = await failure(nobody.complete(chat));
    expect(error.kind).toBe("connect");
    expect(error.detail).toContain(`127.0.0.1:${port}/v1/chat/completions`);
    await nobody.close();
  });

  it("fails with kind bad_response on a body that is not a chat completion", async () => {
    const server = createServer((_req, res) => { res.writeHead(200); res.end("<html>proxy error</html>"); });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const proxy = new HttpRouterLlm({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, model: "m", timeoutMs: 2000 });
    expect((await failure(proxy.complete(chat))).kind).toBe("bad_response");
    await proxy.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});

describe("parseCompletion", () => {
  it("accepts arguments sent as an object, fills missing ids and treats no choices as an empty reply", () => {
    const reply = parseCompletion({ choices: [{ message: { content: null, tool_calls: [{ function: { name: "f", arguments: { a: 1 } } }] } }] });
    expect(reply.toolCalls).toEqual([{ id: "router_call_0", type: "function", function: { name: "f", arguments: '{"a":1}' } }]);
    expect(parseCompletion({ choices: [] })).toEqual({ content: null, toolCalls: [], finishReason: "" });
    expect(() => parseCompletion({ choices: "no" })).toThrow(RouterUnavailableError);
  });
});
