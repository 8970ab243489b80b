import { describe, expect, it } from "vitest";
import { parseCatalog } from "../../../common/src/index.js";
import { mostExpensiveModel } from "./spend-reference.js";

const model = (id: string, input: number, output: number) => ({
  id, provider: "p", upstream_model: id, tier: "standard", price_per_million: { input, output },
  context_window: 1000, max_output_tokens: 100,
});

describe("the reference model of spend reports", () => {
  it("is the model with the highest input + output price", () => {
    const catalog = parseCatalog({ name: "t", models: [model("a", 1, 2), model("b", 5, 10), model("c", 0.1, 0.4)] }, "test");
    expect(mostExpensiveModel(catalog.models)?.id).toBe("b");
  });

  it("breaks ties on the output price, then the id", () => {
    const catalog = parseCatalog({ name: "t", models: [model("z", 4, 6), model("y", 6, 4), model("x", 4, 6)] }, "test");
    expect(mostExpensiveModel(catalog.models)?.id).toBe("x");
    expect(mostExpensiveModel([])).toBeUndefined();
  });
});
