// Trains the learned routing policy on a routing data file and writes the artifact.
//   node --import tsx scripts/train.ts --data <jsonl> --out <artifact.json> [--seed N] [--catalog name]
//     [--l2 10] [--l2-dense 10] [--prior 4] [--iterations 60] [--lambda 1000] [--cost-max 0.7]
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { parseArgs } from "node:util";
import {
  DEFAULT_TRAIN, catalogCandidates, loadRecords, trainPolicy, type TrainOptions,
} from "../services/policy/src/core/learned/index.js";

export const TRAIN_FLAGS = {
  seed: { type: "string" }, catalog: { type: "string" }, l2: { type: "string" }, "l2-dense": { type: "string" },
  prior: { type: "string" }, iterations: { type: "string" }, lambda: { type: "string" }, "cost-max": { type: "string" },
} as const;

function num(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got ${value}`);
  return n;
}

/** The catalog named by --catalog, else the data file's directory name (shared/data/<catalog>/dev.jsonl). */
export function catalogFor(dataPath: string, given: string | undefined): string {
  return given ?? basename(dirname(resolve(dataPath)));
}

export function trainOptions(values: Record<string, string | boolean | undefined>, data: string, sha256: string): TrainOptions {
  const s = (k: string) => values[k] as string | undefined;
  return {
    ...DEFAULT_TRAIN,
    catalog: catalogFor(data, s("catalog")),
    data: relative(process.cwd(), resolve(data)).startsWith("..") ? data : relative(process.cwd(), resolve(data)),
    sha256,
    seed: num(s("seed"), DEFAULT_TRAIN.seed, "seed"),
    l2: num(s("l2"), DEFAULT_TRAIN.l2, "l2"),
    l2Dense: num(s("l2-dense"), DEFAULT_TRAIN.l2Dense, "l2-dense"),
    priorStrength: num(s("prior"), DEFAULT_TRAIN.priorStrength, "prior"),
    maxIterations: num(s("iterations"), DEFAULT_TRAIN.maxIterations, "iterations"),
    lambda: num(s("lambda"), DEFAULT_TRAIN.lambda, "lambda"),
    costMax: num(s("cost-max"), DEFAULT_TRAIN.costMax, "cost-max"),
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { data: { type: "string" }, out: { type: "string" }, notes: { type: "string" }, ...TRAIN_FLAGS } });
  if (!values.data || !values.out) throw new Error("usage: train.ts --data <jsonl> --out <artifact.json> [--seed N] [--catalog name]");
  const data = loadRecords(values.data);
  const options = trainOptions(values, values.data, data.sha256);
  if (values.notes) options.notes = values.notes;
  const known = new Set(catalogCandidates(options.catalog).map((c) => c.model_id));
  const missing = data.models.filter((m) => !known.has(m));
  if (missing.length > 0) throw new Error(`catalog ${options.catalog} lacks models of the data: ${missing.join(", ")}`);
  const started = performance.now();
  const artifact = trainPolicy(data.records, data.models, options);
  mkdirSync(dirname(resolve(values.out)), { recursive: true });
  writeFileSync(values.out, JSON.stringify(artifact) + "\n");
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  const size = (statSync(values.out).size / 1024 / 1024).toFixed(2);
  console.log(`trained on ${data.records.length} prompts x ${data.models.length} models (${artifact.tasks.join(", ")}) in ${seconds}s`);
  console.log(`wrote ${values.out} (${size} MB); defaults lambda=${artifact.defaults.lambda} cost_max=${artifact.defaults.cost_max}`);
}

if (import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith("scripts/train.ts")) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exitCode = 1;
  });
}
