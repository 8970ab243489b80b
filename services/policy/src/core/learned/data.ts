// Routing data records (shared/data/*/dev.jsonl): one prompt with every pool model's score and
// cost. The matrix must be complete: training and evaluation compare all models on all prompts.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { mulberry32 } from "./hash.js";

export interface ModelResult {
  score: number;
  cost_usd: number;
  input_tokens: number;
  output_tokens: number;
}

export interface RoutingRecord {
  id: string;
  source: string;
  category: string;
  prompt: string;
  models: Record<string, ModelResult>;
}

export interface RoutingData {
  records: RoutingRecord[];
  models: string[];
  sha256: string;
}

export function parseRecords(text: string, origin: string): RoutingData {
  const records: RoutingRecord[] = [];
  text.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    const r = JSON.parse(line) as RoutingRecord;
    if (typeof r.prompt !== "string" || typeof r.source !== "string" || !r.models || typeof r.models !== "object") {
      throw new Error(`${origin}:${i + 1}: a record needs prompt, source and models`);
    }
    for (const [model, m] of Object.entries(r.models)) {
      if (![m.score, m.cost_usd, m.input_tokens, m.output_tokens].every((v) => typeof v === "number" && Number.isFinite(v))) {
        throw new Error(`${origin}:${i + 1}: model ${model} lacks a numeric score, cost_usd, input_tokens or output_tokens`);
      }
    }
    records.push({ ...r, id: String(r.id ?? `${origin}:${i + 1}`), category: String(r.category ?? r.source) });
  });
  const first = records[0];
  if (!first) throw new Error(`${origin}: no records`);
  const models = Object.keys(first.models).sort();
  for (const r of records) {
    const missing = models.filter((m) => !(m in r.models));
    if (missing.length > 0 || Object.keys(r.models).length !== models.length) {
      throw new Error(`${origin}: record ${r.id} does not have exactly the models of the first record (${missing.join(", ")})`);
    }
  }
  return { records, models, sha256: createHash("sha256").update(text).digest("hex") };
}

export function loadRecords(path: string): RoutingData {
  return parseRecords(readFileSync(path, "utf8"), path);
}

/**
 * K folds stratified by source (each fold gets its share of every task), shuffled with a seeded
 * PRNG; returns the fold number of each record.
 */
export function assignFolds(records: readonly RoutingRecord[], k: number, seed: number): Int32Array {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be an integer >= 2, got ${k}`);
  const random = mulberry32(seed);
  const bySource = new Map<string, number[]>();
  records.forEach((r, i) => {
    const list = bySource.get(r.source) ?? [];
    list.push(i);
    bySource.set(r.source, list);
  });
  const fold = new Int32Array(records.length);
  let offset = 0;
  for (const source of [...bySource.keys()].sort()) {
    const list = bySource.get(source)!;
    for (let i = list.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [list[i], list[j]] = [list[j]!, list[i]!];
    }
    list.forEach((r, i) => { fold[r] = (i + offset) % k; });
    offset += list.length;
  }
  return fold;
}
