// Streaming through the whole system: SSE chunks in OpenAI's format, checked with the official
// client and on the raw bytes.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;
let client: OpenAI;

beforeAll(async () => {
  system = await startSystem("stream");
  client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

async function rawEvents(body: unknown, apiKey = system.apiKey) {
  const response = await fetch(`${system.baseUrl}/chat/completions`, {
    method: "POST", body: JSON.stringify(body),
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
  });
  const text = await response.text();
  return { response, text, events: text.split("\n\n").filter(Boolean) };
}

describe("stream: true", () => {
  it("streams chunks with the official client; without include_usage the metadata rides on the finishing chunk", async () => {
    const stream = await client.chat.completions.create({ model: "router", stream: true, messages: [{ role: "user", content: "Stream me" }] });
    const chunks: any[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0].object).toBe("chat.completion.chunk");
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? "").join("");
    expect(text).toContain("Stream me");
    const last = chunks.at(-1);
    expect(last.choices[0].finish_reason).toBe("stop");
    expect(last.router_metadata.model_used).toBe(last.model);
    expect(last.router_metadata.total_cost).toBeGreaterThan(0);
    expect(chunks.every((c) => c.usage === undefined || c.usage === null)).toBe(true);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it("with include_usage the last chunk has empty choices, the usage and the router metadata", async () => {
    const stream = await client.chat.completions.create({
      model: "router", stream: true, stream_options: { include_usage: true }, messages: [{ role: "user", content: "usage please" }],
    });
    const chunks: any[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const last = chunks.at(-1);
    expect(last.choices).toEqual([]);
    expect(last.usage.prompt_tokens).toBeGreaterThan(0);
    expect(last.usage.total_tokens).toBe(last.usage.prompt_tokens + last.usage.completion_tokens);
    expect(last.router_metadata.total_cost_nanousd).toBeGreaterThan(0);
    expect(chunks.at(-2).choices[0].finish_reason).toBe("stop");
  });

  it("the raw bytes are SSE data lines ending in [DONE]", async () => {
    const { response, events } = await rawEvents({ model: "router", stream: true, messages: [{ role: "user", content: "raw" }] });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("x-xrouter-request-id")).toMatch(/^chatcmpl-/);
    expect(events.every((e) => e.startsWith("data: "))).toBe(true);
    expect(events.at(-1)).toBe("data: [DONE]");
    for (const event of events.slice(0, -1)) expect(() => JSON.parse(event.slice(6))).not.toThrow();
  });

  it("errors before the first token are ordinary JSON errors with their status", async () => {
    const unknown = await rawEvents({ model: "nope", stream: true, messages: [{ role: "user", content: "x" }] });
    expect(unknown.response.status).toBe(404);
    expect(JSON.parse(unknown.text).error.code).toBe("model_not_found");
    const unauthorized = await rawEvents({ model: "router", stream: true, messages: [{ role: "user", content: "x" }] }, "xr-bad");
    expect(unauthorized.response.status).toBe(401);
    const badOptions = await rawEvents({ model: "router", stream_options: { include_usage: true }, messages: [{ role: "user", content: "x" }] });
    expect(badOptions.response.status).toBe(400);
    expect(JSON.parse(badOptions.text).error.param).toBe("stream_options");
  });

  it("when every model fails the stream answers 502 before sending anything", async () => {
    system.fake.setBehaviour({ status: 400, errorMessage: "bad request upstream" });
    try {
      const { response, text } = await rawEvents({ model: "router", stream: true, messages: [{ role: "user", content: "x" }] });
      expect(response.status).toBe(502);
      expect(JSON.parse(text).error.type).toBe("upstream_error");
    } finally {
      system.fake.setBehaviour({});
    }
  });
});
