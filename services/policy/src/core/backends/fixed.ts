// Always the configured model while it can serve the request; once it is filtered out (or has
// failed) the request still gets an answer, from the cheapest eligible model.
import type { DecideRequest__Output, DecideResponse } from "../../../../common/src/index.js";
import type { PolicyBackend } from "../backend.js";
import { cheapestOf, decideSingle, describe } from "../single.js";

export class FixedBackend implements PolicyBackend {
  readonly name = "fixed";

  constructor(readonly modelId: string) {}

  decide(request: DecideRequest__Output): DecideResponse {
    return decideSingle(request, this.name, ({ models }) => {
      const fixed = models.find((m) => m.candidate.model_id === this.modelId);
      if (fixed) return { model: fixed, strategy: "fixed", rationale: `configured model (${describe(fixed)})` };
      const model = cheapestOf(models);
      return {
        model, strategy: "fixed-fallback-cheapest",
        rationale: `configured model ${this.modelId} is not eligible; cheapest instead (${describe(model)})`,
      };
    });
  }
}
