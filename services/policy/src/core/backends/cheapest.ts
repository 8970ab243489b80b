import type { DecideRequest__Output, DecideResponse } from "../../../../common/src/index.js";
import type { PolicyBackend } from "../backend.js";
import { cheapestOf, decideSingle, describe } from "../single.js";

export class CheapestBackend implements PolicyBackend {
  readonly name = "cheapest";

  decide(request: DecideRequest__Output): DecideResponse {
    return decideSingle(request, this.name, ({ models }) => {
      const model = cheapestOf(models);
      return { model, strategy: "cheapest", rationale: `lowest expected cost of ${models.length} eligible (${describe(model)})` };
    });
  }
}
