import { describe, expect, it } from "vitest";
import { buildBackends } from "./app.js";
import type { RouterLlm } from "./core/xrouter/types.js";

const llm: RouterLlm = { complete: async () => ({ content: "hi", toolCalls: [], finishReason: "stop" }) };
const routerLlm = {
  url: "http://vllm:8000/v1", model: "xrouter-7b", apiKey: undefined, timeoutMs: 1000,
  price: { input_nanousd_per_token: 40, output_nanousd_per_token: 100 },
};

describe("buildBackends", () => {
  it("registers xrouter and xrouter-simple only when a router LLM is configured", () => {
    expect([...buildBackends({ fixedModel: undefined }).keys()].sort()).toEqual(["cheapest", "random", "tier"]);
    const names = [...buildBackends({ fixedModel: "gpt-5", routerLlm }, { routerLlm: llm }).keys()].sort();
    expect(names).toEqual(["cheapest", "fixed", "random", "tier", "xrouter", "xrouter-simple"]);
  });
});
