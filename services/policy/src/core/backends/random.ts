// A uniform pick among eligible models, a baseline for evaluations. It is seeded by request_id,
// so replaying a request reproduces its route; models are ordered by id first so the gateway's
// candidate order does not change the pick.
import { createHash } from "node:crypto";
import type { DecideRequest__Output, DecideResponse } from "../../../../common/src/index.js";
import type { PolicyBackend } from "../backend.js";
import { decideSingle, describe } from "../single.js";

export function seededIndex(seed: string, size: number): number {
  const digest = createHash("sha256").update(seed, "utf8").digest();
  return digest.readUIntBE(0, 6) % size;
}

export class RandomBackend implements PolicyBackend {
  readonly name = "random";

  decide(request: DecideRequest__Output): DecideResponse {
    return decideSingle(request, this.name, ({ models }) => {
      const ordered = [...models].sort((a, b) => (a.candidate.model_id < b.candidate.model_id ? -1 : 1));
      const model = ordered[seededIndex(request.request_id, ordered.length)]!;
      return { model, strategy: "random", rationale: `seeded pick of ${ordered.length} eligible (${describe(model)})` };
    });
  }
}
