import { describe, expect, it } from "vitest";
import { CallStatus } from "../../../../common/src/index.js";
import { candidate, hints, outcome, request } from "../test-fixtures.js";
import { FixedBackend } from "./fixed.js";

const backend = new FixedBackend("dear");
const candidates = [candidate("dear", { input: 1000, output: 1000 }), candidate("cheap", { input: 1, output: 1 }), candidate("mid")];

describe("FixedBackend", () => {
  it("calls the configured model even when cheaper ones exist", () => {
    const response = backend.decide(request({ candidates }));
    expect(response.call).toEqual({ calls: [{ model_id: "dear", max_tokens: 4096 }], final_if_ok: true });
    expect(response.policy).toBe("fixed");
    expect(response.routing_strategy).toBe("fixed");
  });

  it("falls back to the cheapest eligible model once the configured one failed, and says so", () => {
    const response = backend.decide(request({ candidates, outcomes: [outcome("c1", "dear", CallStatus.CALL_STATUS_FAILED)] }));
    expect(response.call?.calls?.[0]?.model_id).toBe("cheap");
    expect(response.routing_strategy).toBe("fixed-fallback-cheapest");
    expect(response.rationale).toContain("dear");
  });

  it("falls back when the configured model is not offered or not allowed", () => {
    expect(new FixedBackend("absent").decide(request({ candidates })).call?.calls?.[0]?.model_id).toBe("cheap");
    const denied = backend.decide(request({ candidates, hints: hints({ deny_models: ["dear"] }) }));
    expect(denied.call?.calls?.[0]?.model_id).toBe("cheap");
  });

  it("selects an earlier successful call", () => {
    const response = backend.decide(request({ candidates, outcomes: [outcome("c9", "dear", CallStatus.CALL_STATUS_OK)] }));
    expect(response.select?.call_id).toBe("c9");
  });
});
