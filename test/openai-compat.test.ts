// What a client of the OpenAI API expects to carry through the router: the whole conversation,
// tools and structured output, and every sampling parameter, checked at the provider's end.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;
let client: OpenAI;

beforeAll(async () => {
  system = await startSystem("compat");
  client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const lastProviderRequest = () => system.fake.requests.at(-1)!.body;

describe("the conversation reaches the chosen model whole", () => {
  it("system, user, assistant and tool turns, string and array content", async () => {
    await client.chat.completions.create({
      model: "router",
      messages: [
        { role: "system", content: "You are terse." },
        { role: "user", content: [{ type: "text", text: "first question" }] },
        { role: "assistant", content: "first answer" },
        { role: "user", content: "second question" },
      ],
    });
    const sent = lastProviderRequest().messages;
    expect(sent.map((m: { role: string }) => m.role)).toEqual(["system", "user", "assistant", "user"]);
    expect(sent[2].content).toBe("first answer");
    expect(JSON.stringify(sent[1].content)).toContain("first question");
  });
});

describe("tools and structured output", () => {
  it("a tool call round trip: the model asks for a tool, the client answers, the model concludes", async () => {
    const tools: OpenAI.ChatCompletionTool[] = [{
      type: "function", function: { name: "get_weather", description: "weather", parameters: { type: "object", properties: { city: { type: "string" } } } },
    }];
    system.fake.setBehaviour({ toolCalls: [{ id: "call_w1", name: "get_weather", arguments: "{\"city\":\"Paris\"}" }] });
    const first = await client.chat.completions.create({
      model: "router", tools, tool_choice: "auto", messages: [{ role: "user", content: "Weather in Paris?" }],
    });
    expect(first.choices[0]!.finish_reason).toBe("tool_calls");
    const call = first.choices[0]!.message.tool_calls![0]! as OpenAI.ChatCompletionMessageFunctionToolCall;
    expect(call.function.name).toBe("get_weather");
    expect(JSON.parse(call.function.arguments)).toEqual({ city: "Paris" });
    expect(lastProviderRequest().tools[0].function.name).toBe("get_weather");
    expect(lastProviderRequest().tool_choice).toBe("auto");

    system.fake.setBehaviour({ content: "It is sunny in Paris." });
    const second = await client.chat.completions.create({
      model: "router", tools,
      messages: [
        { role: "user", content: "Weather in Paris?" },
        first.choices[0]!.message as OpenAI.ChatCompletionMessageParam,
        { role: "tool", tool_call_id: call.id, content: "{\"sky\":\"sunny\"}" },
      ],
    });
    system.fake.setBehaviour({});
    expect(second.choices[0]!.message.content).toBe("It is sunny in Paris.");
    const sent = lastProviderRequest().messages;
    expect(sent[1].tool_calls[0].id).toBe(call.id);
    expect(sent[2]).toMatchObject({ role: "tool", tool_call_id: call.id });
  });

  it("response_format reaches the provider", async () => {
    await client.chat.completions.create({
      model: "router", response_format: { type: "json_object" }, messages: [{ role: "user", content: "json please" }],
    });
    expect(lastProviderRequest().response_format).toEqual({ type: "json_object" });
  });
});

describe("request parameters are honoured or rejected, never dropped", () => {
  it("max_tokens, temperature, top_p, stop, seed and user reach the provider", async () => {
    await client.chat.completions.create({
      model: "router", max_tokens: 77, temperature: 0.3, top_p: 0.9, stop: ["END"], seed: 42, user: "u-1",
      messages: [{ role: "user", content: "params" }],
    });
    const body = lastProviderRequest();
    expect(body.max_tokens ?? body.max_completion_tokens).toBe(77);
    expect(body).toMatchObject({ temperature: 0.3, top_p: 0.9, stop: ["END"], seed: 42, user: "u-1" });
  });

  it("max_tokens is always sent, from the catalog when the request has none", async () => {
    await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "no limit given" }] });
    const body = lastProviderRequest();
    expect(body.max_tokens ?? body.max_completion_tokens).toBeGreaterThan(0);
  });

  it("n > 1 is rejected with a 400 naming n", async () => {
    await expect(client.chat.completions.create({ model: "router", n: 2, messages: [{ role: "user", content: "x" }] }))
      .rejects.toMatchObject({ status: 400, param: "n" });
  });
});

describe("routing transparency", () => {
  it("answers carry the x-xrouter headers", async () => {
    const { response, data } = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "h" }] }).withResponse();
    expect(response.headers.get("x-xrouter-model")).toBe(data.model);
    expect(Number(response.headers.get("x-xrouter-cost-usd"))).toBeGreaterThan(0);
    expect(response.headers.get("x-xrouter-request-id")).toBe(data.id);
    expect(Number(response.headers.get("x-xrouter-overhead-ms"))).toBeGreaterThanOrEqual(0);
  });

  it("GET /v1/models/{id} answers one model with its prices, 404 for an unknown one", async () => {
    const model = await client.models.retrieve("gpt-5") as OpenAI.Model & { xrouter: { pricing: { input_usd_per_million: number } } };
    expect(model.xrouter.pricing.input_usd_per_million).toBe(1.25);
    await expect(client.models.retrieve("nope")).rejects.toMatchObject({ status: 404 });
  });
});
