// The replay provider through the whole system (gateway, policy, ledger, executors as processes,
// NATS, PostgreSQL) with the official openai client: a third of the RouterBench dev prompts (every
// third record, 735) sent to one pinned model are answered with that model's recorded answers,
// and the data set's mean score on them (from the labels of the answers served) and its cost
// (integer nano-USD in the ledger against cost_usd x 1e9 per record) come out exactly.
import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { queryUntil } from "./support/isolation.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { parseReplayLines, resolveDataPath, type ReplayRecord } from "../services/executor/src/providers/replay/dataset.js";
import { startSystem, type RunningSystem } from "./support/system.js";

const DATA = "../shared/data/routerbench/dev.jsonl";
const MODEL = "mistralai/mixtral-8x7b-chat";
const CONCURRENCY = 16;
// a third keeps the file fast; all 2,205 give mean score 0.7383 and $0.00024771, as shared/data/README.md says
const STRIDE = 3;

let system: RunningSystem;
let records: ReplayRecord[];

beforeAll(async () => {
  records = parseReplayLines(readFileSync(resolveDataPath(DATA), "utf8"), DATA);
  system = await startSystem("replay", {
    executors: 2, catalog: "routerbench",
    env: { XROUTER_REPLAY_DATA: DATA, XROUTER_EXECUTOR_CONCURRENCY: "16" },
  });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

it("replays RouterBench dev prompts on a pinned model: its recorded answers, mean score and exact cost", async () => {
  const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0, timeout: 60_000 });
  // the replay provider serves the first record of a prompt that occurs twice
  const served = new Map<string, ReplayRecord>();
  for (const r of records) if (!served.has(r.prompt)) served.set(r.prompt, r);
  const sample = records.filter((_, i) => i % STRIDE === 0);

  const answers: Array<{ record: ReplayRecord; content: string; model: string; costNano: number }> = [];
  let next = 0;
  await Promise.all(Array.from({ length: CONCURRENCY }, async () => {
    while (next < sample.length) {
      const record = sample[next++]!;
      const completion = await client.chat.completions.create({ model: MODEL, messages: [{ role: "user", content: record.prompt }] }) as
        OpenAI.ChatCompletion & { router_metadata: { total_cost_nanousd: number } };
      answers.push({
        record, content: completion.choices[0]!.message.content ?? "", model: completion.model,
        costNano: completion.router_metadata.total_cost_nanousd,
      });
    }
  }));
  expect(answers).toHaveLength(sample.length);

  let scoreSum = 0;
  let expectedNano = 0;
  let datasetScoreSum = 0;
  for (const a of answers) {
    const recorded = served.get(a.record.prompt)!.models[MODEL]!;
    expect(a.model).toBe(MODEL);
    expect(a.content).toBe(recorded.response);
    scoreSum += recorded.score;
    expectedNano += Math.round(recorded.cost_usd * 1e9);
    datasetScoreSum += a.record.models[MODEL]!.score;
  }
  const [ledger] = await queryUntil<any>(system.db.url, `select count(*)::int as calls, sum(cost_nanousd)::bigint as nano,
    bool_or(usage_estimated) as estimated, count(*) filter (where status <> 'CALL_STATUS_OK')::int as failed
    from call_records where model_id = $1`, [MODEL], (r) => r[0]!.calls >= sample.length);

  expect(ledger).toMatchObject({ calls: sample.length, failed: 0, estimated: false });
  expect(Number(ledger.nano)).toBe(expectedNano);
  expect(answers.reduce((sum, a) => sum + a.costNano, 0)).toBe(expectedNano);
  // the served labels reproduce the data set's own mean for this model on these prompts
  expect(scoreSum).toBe(datasetScoreSum);
  const n = sample.length;
  process.stderr.write(`replay ${MODEL}: ${n} prompts, mean score ${(scoreSum / n).toFixed(4)}, `
    + `mean cost $${(expectedNano / n / 1e9).toFixed(8)} (ledger ${ledger.nano} nano-USD)\n`);
}, 240_000);
