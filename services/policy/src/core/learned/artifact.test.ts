import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ArtifactError, decodeInterleaved, encodeMatrix, loadArtifact, parseArtifact } from "./artifact.js";
import { trainPolicy } from "./fit.js";
import { LearnedModel } from "./model.js";
import { codePrompt, quizPrompt, syntheticData, syntheticOptions } from "./test-support.js";

describe("weight matrix encoding", () => {
  it("round-trips within int16 precision, interleaved feature-major", () => {
    const index = Int32Array.from([2, 5, 9]);
    const rows = [Float64Array.from([0.5, -1, 0.25]), Float64Array.from([0, 0, 0])];
    const out = decodeInterleaved(encodeMatrix(rows, index), 10);
    expect(out[2 * 2]).toBeCloseTo(0.5, 4);
    expect(out[5 * 2]).toBeCloseTo(-1, 4);
    expect(out[9 * 2]).toBeCloseTo(0.25, 4);
    expect(out[5 * 2 + 1]).toBe(0);
    expect(out[3 * 2]).toBe(0);
  });

  it("rejects indices outside the feature space", () => {
    const m = encodeMatrix([Float64Array.from([1])], Int32Array.from([50]));
    expect(() => decodeInterleaved(m, 10)).toThrow(ArtifactError);
  });
});

describe("artifact", () => {
  const data = syntheticData();
  const artifact = trainPolicy(data.records, data.models, syntheticOptions());

  it("is plain JSON that validates after a round trip", () => {
    const again = parseArtifact(JSON.parse(JSON.stringify(artifact)), "roundtrip");
    expect(again.models).toEqual(["cheap", "mid", "premium"]);
    expect(again.tasks).toEqual(["code", "quiz"]);
    expect(again.trained_on.tasks).toEqual({ code: 60, quiz: 60 });
  });

  it("is deterministic", () => {
    const twice = trainPolicy(data.records, data.models, syntheticOptions());
    expect(JSON.stringify(twice)).toBe(JSON.stringify(artifact));
  });

  it("refuses other formats, versions and malformed content", () => {
    expect(() => parseArtifact({ format: "something-else", version: 1 }, "x")).toThrow(/not an xrouter-learned-policy/);
    expect(() => parseArtifact({ ...artifact, version: 2 }, "x")).toThrow(/version 2 is not supported/);
    expect(() => parseArtifact({ ...artifact, models: ["only-one"] }, "x")).toThrow(ArtifactError);
    expect(() => parseArtifact({ ...artifact, features: { ...artifact.features, dense: ["bias"] } }, "x")).toThrow(/retrain/);
  });

  it("loads from a file and explains unreadable ones", () => {
    const dir = mkdtempSync(join(tmpdir(), "learned-"));
    writeFileSync(join(dir, "a.json"), JSON.stringify(artifact));
    writeFileSync(join(dir, "bad.json"), "{not json");
    expect(loadArtifact(join(dir, "a.json")).catalog).toBe("synthetic");
    expect(() => loadArtifact(join(dir, "bad.json"))).toThrow(/cannot read policy artifact/);
    expect(() => loadArtifact(join(dir, "missing.json"))).toThrow(ArtifactError);
  });

  it("predicts task types and per-task success from the text", () => {
    const model = new LearnedModel(artifact);
    const quiz = model.predict(quizPrompt(1001));
    const code = model.predict(codePrompt(1001));
    expect(quiz.tasks[1]).toBeGreaterThan(0.9);
    expect(code.tasks[0]).toBeGreaterThan(0.9);
    // cheap is good at quizzes, poor at code
    expect(quiz.success[0]).toBeGreaterThan(0.7);
    expect(code.success[0]).toBeLessThan(0.45);
    expect(code.outputTokens[2]).toBeGreaterThan(100);
    expect(quiz.outputTokens[2]).toBeLessThan(20);
    expect(quiz.inputTokens).toBeGreaterThan(10);
  });
});
