// Evaluates the learned routing policy on routing data: K-fold cross-validation (train on k-1
// folds, decide on the held-out one; no prompt is scored by a policy trained on it), or a fixed
// artifact with --policy. Sweeps lambda, prints the policy and every baseline, the summary
// figures, and optionally writes them as JSON and the cost-quality curve as SVG.
//   node --import tsx scripts/eval.ts --data <jsonl> [--policy <artifact>] [--folds 5] [--seed 1]
//     [--json out.json] [--svg out.svg] [--cost-max 0.7] [--lambdas 0.1:1e5:121] [training flags of train.ts]
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  LearnedPolicyBackend, assignFolds, baselines, catalogCandidates, emptyTable, loadLearnedPolicy, loadRecords, logGrid,
  paretoFrontier, parseArtifact, policyPoint, predictRecords, renderCurveSvg, summarise, trainPolicy, type PredictionTable,
} from "../services/policy/src/core/learned/index.js";
import { TRAIN_FLAGS, catalogFor, trainOptions } from "./train.js";

const { values } = parseArgs({
  options: {
    data: { type: "string" }, policy: { type: "string" }, folds: { type: "string" }, json: { type: "string" },
    svg: { type: "string" }, lambdas: { type: "string" }, ...TRAIN_FLAGS,
  },
});
if (!values.data) throw new Error("usage: eval.ts --data <jsonl> [--policy <artifact>] [--folds 5] [--json out.json] [--svg out.svg]");
const data = loadRecords(values.data);
const n = data.records.length;
const k = Number(values.folds ?? 5);
const options = trainOptions(values, values.data, data.sha256);
const folds = assignFolds(data.records, k, options.seed);
const [lo, hi, count] = (values.lambdas ?? "0.1:1e5:121").split(":").map(Number) as [number, number, number];
const lambdas = [0, ...logGrid(lo, hi, count)];
const table: PredictionTable = emptyTable(n);
const started = performance.now();
let checkBackend: LearnedPolicyBackend;
let checkIndices: number[];
let mode: string;

if (values.policy) {
  const backend = loadLearnedPolicy(values.policy);
  const candidates = catalogCandidates(backend.model.artifact.catalog);
  predictRecords(backend, data, data.records.map((_, i) => i), candidates, table);
  [checkBackend, checkIndices, mode] = [backend, data.records.map((_, i) => i).slice(0, 50), `fixed artifact ${values.policy}`];
  if (values["cost-max"] === undefined) options.costMax = backend.model.artifact.defaults.cost_max;
} else {
  const candidates = catalogCandidates(catalogFor(values.data, values.catalog));
  let last: LearnedPolicyBackend | undefined;
  for (let f = 0; f < k; f++) {
    const train = data.records.filter((_, i) => folds[i] !== f);
    const test = data.records.map((_, i) => i).filter((i) => folds[i] === f);
    // Through JSON and the validator, exactly as a committed artifact would be loaded.
    const artifact = parseArtifact(JSON.parse(JSON.stringify(trainPolicy(train, data.models, options))), `fold ${f}`);
    last = new LearnedPolicyBackend(artifact);
    predictRecords(last, data, test, candidates, table);
    process.stderr.write(`fold ${f + 1}/${k}: trained on ${train.length}, scored ${test.length}\n`);
  }
  [checkBackend, checkIndices, mode] = [last!, data.records.map((_, i) => i).filter((i) => folds[i] === k - 1).slice(0, 50), `${k}-fold CV`];
}

// The sweep reuses the backend's scoring; check that decide() itself makes the same choices.
const candidates = catalogCandidates(checkBackend.model.artifact.catalog);
const reward = { lambda: checkBackend.model.artifact.defaults.lambda, costMax: options.costMax, k: 1 };
for (const i of checkIndices) {
  const response = checkBackend.decide({
    request_id: `eval-${i}`, turn: 1, max_turns: 1, candidates, outcomes: [], params: null,
    messages: [{ role: "user", content: data.records[i]!.prompt, content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] }],
    hints: { cost_weight: reward.lambda, cost_cap: reward.costMax, allow_models: [], deny_models: [], mode: "", policy: "", include_prompts: false },
  });
  const single = emptyTable(n);
  const one = { ...data, records: [data.records[i]!] };
  predictRecords(checkBackend, one, [0], candidates, single);
  const expected = policyPoint(single, one, reward).share;
  if (!response.call || !(response.call.calls?.[0]?.model_id! in expected)) {
    throw new Error(`decide() chose ${response.call?.calls?.[0]?.model_id} for record ${i}, the sweep ${Object.keys(expected)[0]}`);
  }
}

let logLoss = 0;
let brier = 0;
data.records.forEach((r, i) => data.models.forEach((m, j) => {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, table.success[i]![j]!));
  const y = r.models[m]!.score;
  logLoss -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
  brier += (p - y) ** 2;
}));
logLoss /= n * data.models.length;
brier /= n * data.models.length;

const points = lambdas.map((lambda) => policyPoint(table, data, { lambda, costMax: options.costMax, k: 1 }));
const base = baselines(data, folds, lambdas, options.costMax);
const summary = summarise(points, base);
const taskFixedSummary = summarise(base.taskFixedCurve, base);
const f4 = (x: number) => x.toFixed(4);
const usd = (x: number) => x.toExponential(3);
const pct = (x: number) => `${(100 * x / base.bestSingle.cost).toFixed(1)}%`;

console.log(`${values.data}: ${n} prompts x ${data.models.length} models, ${mode}, cost_max=${options.costMax}, `
  + `${values.policy ? "" : `l2=${options.l2}, `}${((performance.now() - started) / 1000).toFixed(1)}s`);
console.log(`calibration: log loss ${f4(logLoss)}, Brier ${f4(brier)}`);
console.log("\nbaselines                                   score    cost/prompt  (% of best single)");
for (const b of [...[...base.singles].sort((a, c) => c.score - a.score), base.random, base.taskFixed, base.oracle]) {
  const name = "model" in b ? `${b.model}${b === base.cheapest ? " (cheapest)" : ""}` : b.label ?? "";
  console.log(`  ${name.padEnd(42)} ${f4(b.score)}  ${usd(b.cost)}  ${pct(b.cost)}`);
}
console.log("\nlearned policy sweep (lambda: score, cost, % of best single; most chosen models)");
for (const p of points) {
  const top = Object.entries(p.share).slice(0, 3).map(([m, s]) => `${m.split("/").pop()} ${(100 * s).toFixed(0)}%`).join(", ");
  console.log(`  ${String(p.lambda).padStart(8)}  ${f4(p.score)}  ${usd(p.cost)}  ${pct(p.cost).padStart(6)}  ${top}`);
}
const show = (name: string, s: typeof summary) => console.log(`${name.padEnd(12)} savings_at_parity ${f4(s.savings_at_parity)}  `
  + `score_at_10pct_cost ${f4(s.score_at_10pct_cost)} (best point; hull ${f4(s.score_at_10pct_cost_hull)})  auc ${f4(s.auc)}`);
console.log(`\nbest single ${base.bestSingle.model} ${f4(base.bestSingle.score)} at ${usd(base.bestSingle.cost)}; `
  + `oracle ${f4(base.oracle.score)} at ${usd(base.oracle.cost)} (${pct(base.oracle.cost)})`);
show("learned", summary);
// A default for the artifact: the cheapest sweep point within 0.03 of the best single model's score.
const near = points.filter((p) => p.score >= base.bestSingle.score - 0.03).sort((a, c) => a.cost - c.cost)[0];
const suggested = near ? { lambda: near.lambda, score: near.score, cost: near.cost } : null;
if (suggested) console.log(`suggested default lambda ${suggested.lambda} (score ${f4(suggested.score)} at ${pct(suggested.cost)})`);
show("task-fixed", taskFixedSummary);

if (values.json) {
  mkdirSync(dirname(resolve(values.json)), { recursive: true });
  writeFileSync(values.json, JSON.stringify({
    data: options.data, sha256: data.sha256, mode, folds: values.policy ? null : k, seed: options.seed, cost_max: options.costMax,
    training: values.policy ? null : { l2: options.l2, l2_dense: options.l2Dense, prior: options.priorStrength, iterations: options.maxIterations },
    calibration: { log_loss: logLoss, brier }, summary, suggested_default: suggested, task_fixed_summary: taskFixedSummary,
    baselines: { singles: base.singles, cheapest: base.cheapest, random: base.random, task_fixed: base.taskFixed, oracle: base.oracle },
    sweep: points, frontier: paretoFrontier(points), task_fixed_sweep: base.taskFixedCurve.map(({ share: _s, ...p }) => p),
  }, null, 1) + "\n");
}
if (values.svg) {
  mkdirSync(dirname(resolve(values.svg)), { recursive: true });
  writeFileSync(values.svg, renderCurveSvg(`${data.records.length} prompts, ${mode}: learned policy vs baselines`, [
    { name: "learned (frontier)", points: paretoFrontier(points), color: "#d62728" },
    { name: "learned (every lambda)", points, color: "#d62728", scatter: true },
    { name: "fixed model per task", points: paretoFrontier(base.taskFixedCurve), color: "#1f77b4", dashed: true },
  ], [
    ...base.singles.map((s) => ({ name: s.model.split("/").pop()!, point: s, color: "#555" })),
    { name: "oracle", point: base.oracle, color: "#2ca02c", shape: "star" as const },
    { name: "random", point: base.random, color: "#999" },
  ]));
}
