import { describe, expect, it } from "vitest";
import { CallStatus } from "../../../../common/src/index.js";
import { candidate, outcome, request } from "../test-fixtures.js";
import { RandomBackend, seededIndex } from "./random.js";

const backend = new RandomBackend();
const candidates = ["a", "b", "c", "d", "e"].map((id) => candidate(id));
const pick = (request_id: string, list = candidates, outcomes: ReturnType<typeof outcome>[] = []) =>
  backend.decide(request({ request_id, candidates: list, outcomes })).call?.calls?.[0]?.model_id;

describe("RandomBackend", () => {
  it("picks the same model for the same request id, whatever the candidate order", () => {
    for (const id of ["r1", "r2", "r3"]) {
      expect(pick(id)).toBe(pick(id));
      expect(pick(id, [...candidates].reverse())).toBe(pick(id));
    }
  });

  it("spreads request ids over all eligible models", () => {
    const seen = new Set(Array.from({ length: 200 }, (_, i) => pick(`req-${i}`)));
    expect([...seen].sort()).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("never picks a model that failed", () => {
    for (let i = 0; i < 50; i++) {
      expect(pick(`req-${i}`, candidates, [outcome("c1", "c", CallStatus.CALL_STATUS_FAILED)])).not.toBe("c");
    }
  });

  it("answers final_if_ok calls and selects an earlier success", () => {
    expect(backend.decide(request({ candidates })).call?.final_if_ok).toBe(true);
    expect(backend.decide(request({ candidates, outcomes: [outcome("c1", "a", CallStatus.CALL_STATUS_OK)] })).select?.call_id).toBe("c1");
  });

  it("maps a seed into range", () => {
    for (let n = 1; n < 10; n++) expect(seededIndex("x", n)).toBeLessThan(n);
  });
});
