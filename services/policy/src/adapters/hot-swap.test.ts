import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../common/src/index.js";
import { loadLearnedPolicy, trainPolicy } from "../core/learned/index.js";
import { codePrompt, SYNTHETIC_MODELS, syntheticCandidates, syntheticData, syntheticOptions } from "../core/learned/test-support.js";
import { request } from "../core/test-fixtures.js";
import { HotSwapBackend } from "./hot-swap.js";

const dir = mkdtempSync(join(tmpdir(), "xrouter-hotswap-"));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const data = syntheticData();
const artifact = (lambda: number) => JSON.stringify(trainPolicy(data.records, [...SYNTHETIC_MODELS], syntheticOptions({ lambda })));
const codeRequest = request({
  candidates: syntheticCandidates(),
  messages: [{ role: "user", content: codePrompt(3), content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] }],
});
const chosen = async (backend: HotSwapBackend) => (await backend.decide(codeRequest)).call!.calls![0]!.model_id;

describe("HotSwapBackend", () => {
  it("serves the new artifact after the file changes and keeps the old one when the new file is broken", async () => {
    const path = join(dir, "policy.json");
    writeFileSync(path, artifact(0)); // cost does not matter: the most accurate model on code
    const backend = new HotSwapBackend("learned", path, (p) => loadLearnedPolicy(p), createLogger("test", "silent"), 60_000);
    try {
      expect(await chosen(backend)).toBe("premium");
      writeFileSync(path, artifact(100)); // cost matters: premium costs ~$0.006 here, a 0.6 penalty
      expect(backend.reload()).toBe(true);
      const cheapChoice = await chosen(backend);
      expect(cheapChoice).not.toBe("premium");
      writeFileSync(path, "{ not an artifact");
      expect(backend.reload()).toBe(false);
      expect(await chosen(backend)).toBe(cheapChoice);
    } finally {
      backend.close();
    }
  });
});
