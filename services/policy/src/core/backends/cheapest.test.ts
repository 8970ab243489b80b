import { describe, expect, it } from "vitest";
import { CallStatus } from "../../../../common/src/index.js";
import { NoCandidateError } from "../backend.js";
import { candidate, outcome, params, request } from "../test-fixtures.js";
import { CheapestBackend } from "./cheapest.js";

const backend = new CheapestBackend();
// Expected cost weighs a 256-token answer, so output price matters more than input on short prompts.
const candidates = [
  candidate("premium", { input: 1250, output: 10_000 }),
  candidate("low-in-high-out", { input: 10, output: 5000 }),
  candidate("nano", { input: 50, output: 400 }),
  candidate("mini", { input: 150, output: 600 }),
];

describe("CheapestBackend", () => {
  it("calls the model with the lowest expected cost, final if it succeeds", () => {
    const response = backend.decide(request({ candidates }));
    expect(response.call?.calls).toEqual([{ model_id: "nano", max_tokens: 4096 }]);
    expect(response.call?.final_if_ok).toBe(true);
    expect(response.policy).toBe("cheapest");
    expect(response.routing_strategy).toBe("cheapest");
  });

  it("passes the request's max_tokens on the call", () => {
    const response = backend.decide(request({ candidates, params: params({ max_tokens: 300 }) }));
    expect(response.call?.calls?.[0]?.max_tokens).toBe(300);
  });

  it("falls back to the next cheapest after the cheapest failed", () => {
    const response = backend.decide(request({ candidates, outcomes: [outcome("c1", "nano", CallStatus.CALL_STATUS_FAILED)] }));
    expect(response.call?.calls?.map((c) => c.model_id)).toEqual(["mini"]);
  });

  it("selects the latest successful call instead of calling again", () => {
    const outcomes = [
      outcome("c1", "nano", CallStatus.CALL_STATUS_OK),
      outcome("c2", "mini", CallStatus.CALL_STATUS_OK),
      outcome("c3", "premium", CallStatus.CALL_STATUS_FAILED),
    ];
    const response = backend.decide(request({ candidates, outcomes }));
    expect(response.select).toEqual({ call_id: "c2" });
    expect(response.call).toBeUndefined();
  });

  it("refuses with reason budget when nothing is affordable", () => {
    expect(() => backend.decide(request({ candidates, remaining_budget_nanousd: 1000 })))
      .toThrow(expect.objectContaining({ name: "NoCandidateError", reason: "budget" }) as NoCandidateError);
  });

  it("keeps the gateway's order between equally cheap models", () => {
    const response = backend.decide(request({ candidates: [candidate("x"), candidate("y")] }));
    expect(response.call?.calls?.[0]?.model_id).toBe("x");
  });
});
