// A routing backend decides the next step for one request. Backends are pure: no transport, no
// clock, no I/O beyond what their constructor loaded, so they can be evaluated offline on data.
// One that consults a model (xrouter) gets it as an injected port, so a fake can stand in.
import type { DecideRequest__Output, DecideResponse } from "../../../common/src/index.js";

export interface PolicyBackend {
  /** The name clients use in `router.policy` / `model: "router:<name>"`. */
  readonly name: string;
  decide(request: DecideRequest__Output): DecideResponse | Promise<DecideResponse>;
}

/** Thrown when no candidate can serve the request; `reason` says why (budget, all failed ...). */
export class NoCandidateError extends Error {
  constructor(message: string, readonly reason: "budget" | "exhausted" | "filtered") {
    super(message);
    this.name = "NoCandidateError";
  }
}
