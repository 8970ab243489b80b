// The whole path of the learned policy: the system with the replay provider over the RouterBench
// data and the committed artifact, 200 of its prompts through the gateway with the official
// client; the mean score (the data's labels of the models chosen) and the ledger's total cost
// match what `npm run eval` predicts for the same prompts and lambda.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import OpenAI from "openai";
import { queryUntil } from "./support/isolation.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { ROOT } from "./support/processes.js";
import { startSystem, type RunningSystem } from "./support/system.js";

const DATA = join(ROOT, "../shared/data/routerbench/dev.jsonl");
const ARTIFACT = join(ROOT, "artifacts/routerbench.policy.json");
const LAMBDA = 15.85;

interface RecordLine { id: string; prompt: string; models: Record<string, { score: number; cost_usd: number }> }

const lines = readFileSync(DATA, "utf8").trim().split("\n");
const counts = new Map<string, number>();
for (const line of lines) {
  const prompt = (JSON.parse(line) as RecordLine).prompt;
  counts.set(prompt, (counts.get(prompt) ?? 0) + 1);
}
// every 11th record whose prompt is unique (a repeated prompt could be replayed from the other record)
const sample = lines.filter((_, i) => i % 11 === 0).filter((l) => counts.get((JSON.parse(l) as RecordLine).prompt) === 1).slice(0, 200);

let system: RunningSystem;
const dir = mkdtempSync(join(tmpdir(), "xrouter-learned-"));

beforeAll(async () => {
  system = await startSystem("learned", {
    executors: 2, catalog: "routerbench",
    env: { XROUTER_LEARNED_ARTIFACT: ARTIFACT, XROUTER_POLICY_DEFAULT: "learned", XROUTER_REPLAY_DATA: DATA },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
  rmSync(dir, { recursive: true, force: true });
});

it("reproduces the offline evaluation's score and cost through the running system", async () => {
  expect(sample).toHaveLength(200);
  const subset = join(dir, "subset.jsonl");
  writeFileSync(subset, `${sample.join("\n")}\n`);
  const out = join(dir, "eval.json");
  execFileSync(process.execPath, ["--import", "tsx", "scripts/eval.ts", "--data", subset, "--policy", ARTIFACT,
    "--lambdas", `${LAMBDA}:${LAMBDA}:1`, "--json", out], { cwd: ROOT, stdio: "ignore" });
  const predicted = (JSON.parse(readFileSync(out, "utf8")) as { sweep: { lambda: number; score: number; cost: number }[] })
    .sweep.find((p) => p.lambda === LAMBDA)!;

  const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
  const records = sample.map((l) => JSON.parse(l) as RecordLine);
  const answers: { id: string; model: string }[] = [];
  for (let start = 0; start < records.length; start += 10) {
    answers.push(...await Promise.all(records.slice(start, start + 10).map(async (r) => {
      const answer = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: r.prompt }] });
      return { id: answer.id, model: answer.model };
    })));
  }
  const meanScore = answers.reduce((sum, a, i) => sum + records[i]!.models[a.model]!.score, 0) / records.length;

  const [ledger] = await queryUntil<{ total: string; calls: number }>(system.db.url,
    "select coalesce(sum(cost_nanousd), 0)::text as total, count(*)::int as calls from call_records where request_id = any($1)",
    [answers.map((a) => a.id)], (r) => r[0]!.calls >= answers.length);
  const ledgerMeanCostUsd = Number(ledger!.total) / 1e9 / records.length;

  expect(meanScore).toBeCloseTo(predicted.score, 10);
  expect(ledgerMeanCostUsd).toBeCloseTo(predicted.cost, 10);
  // and what the ledger charged is exactly what the data set recorded for the models chosen
  const recorded = answers.reduce((sum, a, i) => sum + Math.round(records[i]!.models[a.model]!.cost_usd * 1e9), 0);
  expect(Number(ledger!.total)).toBe(recorded);
}, 240_000);
