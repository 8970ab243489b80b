// Published prices reproduced exactly, from the shipped catalog through the adapters' usage
// normalisation to the integer nano-USD the ledger stores.
import { describe, expect, it } from "vitest";
import { costNano, loadCatalog, usdToNano } from "../../../common/src/index.js";
import { usageFromAnthropic } from "../providers/anthropic/mapping.js";
import { usageFromOpenAI } from "../providers/openai-compatible/mapping.js";
import { billAttempt } from "./billing.js";
import { ProviderError } from "./provider.js";
import { makeCall } from "../test-fakes.js";

const catalog = loadCatalog("xrouter");
const price = (id: string) => catalog.get(id)!.price;

describe("exact cost in nano-USD", () => {
  it("1,000 input + 500 output tokens on gpt-5 cost $0.00625", () => {
    const usage = usageFromOpenAI({ prompt_tokens: 1000, completion_tokens: 500 })!;
    expect(costNano(usage, price("gpt-5"))).toBe(6_250_000);
    expect(costNano(usage, price("gpt-5"))).toBe(usdToNano(0.00625));
  });

  it("bills cached input at the cached rate: 800 of 1,000 prompt tokens cached on gpt-5", () => {
    const usage = usageFromOpenAI({ prompt_tokens: 1000, completion_tokens: 500, prompt_tokens_details: { cached_tokens: 800 } })!;
    // 200 x $1.25/1M + 800 x $0.125/1M + 500 x $10/1M
    expect(costNano(usage, price("gpt-5"))).toBe(200 * 1250 + 800 * 125 + 500 * 10_000);
    expect(costNano(usage, price("gpt-5"))).toBe(5_350_000);
  });

  it("bills reasoning tokens as output: they are part of completion_tokens", () => {
    const usage = usageFromOpenAI({ prompt_tokens: 100, completion_tokens: 1500, completion_tokens_details: { reasoning_tokens: 1200 } })!;
    expect(usage).toMatchObject({ output_tokens: 1500, reasoning_tokens: 1200 });
    // o4-mini: $1.10 in, $4.40 out per 1M
    expect(costNano(usage, price("o4-mini"))).toBe(100 * 1100 + 1500 * 4400);
  });

  it("bills Gemini's thinking tokens reported outside completion_tokens", () => {
    const usage = usageFromOpenAI({ prompt_tokens: 20, completion_tokens: 198, total_tokens: 623, completion_tokens_details: { reasoning_tokens: 405 } }, "gemini")!;
    expect(usage.output_tokens).toBe(603);
    // gemini-2.5-flash: $0.30 in, $2.50 out
    expect(costNano(usage, price("gemini-2.5-flash"))).toBe(20 * 300 + 603 * 2500);
  });

  it("bills Anthropic cache reads at $0.30/1M and cache writes at $3.75/1M on claude-sonnet-4.5", () => {
    expect(price("claude-sonnet-4.5")).toMatchObject({ cached_input_nanousd_per_token: 300, cache_write_nanousd_per_token: 3750 });
    const usage = usageFromAnthropic({ input_tokens: 100, cache_read_input_tokens: 2000, cache_creation_input_tokens: 1000, output_tokens: 500 })!;
    expect(usage).toMatchObject({ input_tokens: 3100, cached_input_tokens: 2000, cache_write_tokens: 1000 });
    // 100 x $3 + 2,000 x $0.30 + 1,000 x $3.75 + 500 x $15, per 1M
    expect(costNano(usage, price("claude-sonnet-4.5"))).toBe(300_000 + 600_000 + 3_750_000 + 7_500_000);
    expect(costNano(usage, price("claude-sonnet-4.5"))).toBe(usdToNano(0.01215));
  });

  it("estimates a billable failed attempt from the prompt and the text seen, and nothing for a refused one", () => {
    const call = makeCall({ price: price("gpt-5"), params: { ...makeCall().params!, max_tokens: 3 } });
    const broken = new ProviderError("stream broke", { code: "provider_unreachable", retryable: true, billable: true, partialText: "one two three four five" });
    const bill = billAttempt(call, broken);
    expect(bill.usage).toMatchObject({ output_tokens: 3, estimated: true });
    expect(bill.usage.input_tokens).toBeGreaterThan(3);
    expect(bill.costNano).toBe(bill.usage.input_tokens * 1250 + 3 * 10_000);
    const reported = broken.withPartial({ text: "x", usage: { input_tokens: 40, cached_input_tokens: 30 } });
    expect(billAttempt(call, reported).usage).toMatchObject({ input_tokens: 40, cached_input_tokens: 30, output_tokens: 1 });
    const refused = new ProviderError("429", { code: "provider_rate_limited", retryable: true, upstreamStatus: 429 });
    expect(billAttempt(call, refused)).toMatchObject({ costNano: 0, usage: { input_tokens: 0 } });
  });
});
