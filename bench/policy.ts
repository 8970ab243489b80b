// `npm run bench:policy`: decisions per second and p50/p99 decision latency of the learned policy
// (the committed RouterBench artifact, in-process, as the policy service runs it) for 11 and 25
// candidates on prompts of about 100 and 4,000 tokens, next to the `cheapest` baseline measured in
// the same run on the same requests. Target: p99 under 1 ms.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { estimateTextTokens, loadCatalog, type Candidate__Output, type DecideRequest__Output } from "../services/common/src/index.js";
import type { PolicyBackend } from "../services/policy/src/core/backend.js";
import { CheapestBackend } from "../services/policy/src/core/backends/cheapest.js";
import { loadLearnedPolicy } from "../services/policy/src/core/learned/index.js";
import { hints, params } from "../services/policy/src/core/test-fixtures.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const DECISIONS = Number(process.env.BENCH_DECISIONS ?? 4000);

function candidatesOf(catalogName: string): Candidate__Output[] {
  return loadCatalog(catalogName).models.map((m) => ({
    model_id: m.id, provider: m.provider, tier: m.tier, price: m.price, context_window: m.context_window,
    max_output_tokens: m.max_output_tokens, capabilities: m.capabilities, description: m.description,
  }));
}

const routerbench = candidatesOf("routerbench");
// 25 candidates: the 11 the artifact knows and 14 it does not (they still go through eligibility)
const pool25 = [...routerbench, ...candidatesOf("xrouter").slice(0, 14)];

const records = readFileSync(`${root}../shared/data/routerbench/dev.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l) as { prompt: string });
const short = records.map((r) => r.prompt).filter((p) => Math.abs(estimateTextTokens(p) * 0.75 - 100) < 40).slice(0, 200);
const long = Array.from({ length: 50 }, (_, i) => {
  let text = "";
  for (let j = i; estimateTextTokens(text) * 0.75 < 4000; j += 1) text += `${records[j % records.length]!.prompt}\n\n`;
  return text;
});

function request(prompt: string, candidates: Candidate__Output[], i: number): DecideRequest__Output {
  return {
    request_id: `bench-${i}`, turn: 1, max_turns: 3, candidates, outcomes: [], hints: hints(), params: params(),
    messages: [{ role: "user", content: prompt, content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] }],
  };
}

async function measure(backend: PolicyBackend, prompts: string[], candidates: Candidate__Output[]) {
  const requests = prompts.map((p, i) => request(p, candidates, i));
  for (let i = 0; i < 300; i += 1) await backend.decide(requests[i % requests.length]!);
  const samples = new Float64Array(DECISIONS);
  const started = performance.now();
  for (let i = 0; i < DECISIONS; i += 1) {
    const t0 = performance.now();
    await backend.decide(requests[i % requests.length]!);
    samples[i] = performance.now() - t0;
  }
  const elapsed = performance.now() - started;
  samples.sort();
  return { perSecond: DECISIONS / (elapsed / 1000), p50: samples[Math.floor(DECISIONS * 0.5)]!, p99: samples[Math.floor(DECISIONS * 0.99)]! };
}

const learned = loadLearnedPolicy(`${root}artifacts/routerbench.policy.json`);
const cheapest = new CheapestBackend();
const rows: string[][] = [];
for (const [label, prompts] of [["~100 tokens", short], ["~4,000 tokens", long]] as const) {
  for (const [poolLabel, pool] of [["11", routerbench], ["25", pool25]] as const) {
    const l = await measure(learned, prompts, pool);
    const c = await measure(cheapest, prompts, pool);
    rows.push([label, poolLabel, l.perSecond.toFixed(0), l.p50.toFixed(3), l.p99.toFixed(3), c.p50.toFixed(3), c.p99.toFixed(3),
      (l.p50 / c.p50).toFixed(1), l.p99 < 1 ? "yes" : "NO"]);
  }
}
const header = ["prompt", "candidates", "learned decisions/s", "learned p50 ms", "learned p99 ms", "cheapest p50 ms", "cheapest p99 ms", "p50 ratio learned/cheapest", "p99 < 1 ms"];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padStart(widths[i]!)).join("  ");
console.log(`learned policy decision latency (${DECISIONS} decisions per cell, one thread, node ${process.version})`);
console.log(line(header));
for (const r of rows) console.log(line(r));
