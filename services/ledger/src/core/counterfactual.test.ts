import { describe, expect, it } from "vitest";
import { costNano } from "../../../common/src/index.js";
import { counterfactualNano } from "./counterfactual.js";

const reference = {
  input_nanousd_per_token: 1250, cached_input_nanousd_per_token: 125, output_nanousd_per_token: 10_000, cache_write_nanousd_per_token: 0,
};

describe("counterfactual cost", () => {
  it("prices a roll-up exactly as the sum of its calls", () => {
    const calls = [
      { input_tokens: 100, output_tokens: 20, cached_input_tokens: 40, cache_write_tokens: 0 },
      { input_tokens: 7, output_tokens: 300, cached_input_tokens: 0, cache_write_tokens: 0 },
      { input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, cache_write_tokens: 0 },
    ];
    const rolled = calls.reduce((a, c) => ({
      input_tokens: a.input_tokens + c.input_tokens, output_tokens: a.output_tokens + c.output_tokens,
      cached_input_tokens: a.cached_input_tokens + c.cached_input_tokens, cache_write_tokens: a.cache_write_tokens + c.cache_write_tokens,
    }));
    const perCall = calls.reduce((sum, c) => sum + costNano(c, reference), 0);
    expect(counterfactualNano(rolled, reference)).toBe(perCall);
    expect(perCall).toBe(60 * 1250 + 40 * 125 + 20 * 10_000 + 7 * 1250 + 300 * 10_000);
  });

  it("is zero without a reference price", () => {
    expect(counterfactualNano({ input_tokens: 5, output_tokens: 5, cached_input_tokens: 0, cache_write_tokens: 0 }, null)).toBe(0);
  });
});
