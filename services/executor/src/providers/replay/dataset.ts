// The routing data sets of ../shared/data (JSON Lines: one prompt with every model's recorded
// answer, score, tokens and cost) indexed by prompt text, for the replay provider. Paths are
// relative to the repository root, so a fresh clone with shared/ beside it finds them.
import { existsSync, readFileSync } from "node:fs";
import { isAbsolute, resolve } from "node:path";
import { z } from "zod";
import { ConfigError, REPO_ROOT } from "../../../../common/src/index.js";


/** The shipped data sets, used when XROUTER_REPLAY_DATA is not set and they are there. */
export const DEFAULT_REPLAY_DATA = ["../shared/data/routerbench/dev.jsonl", "../shared/data/arena-hard/dev.jsonl"];

const answerSchema = z.object({
  score: z.number(),
  cost_usd: z.number().nonnegative(),
  input_tokens: z.number().int().nonnegative(),
  output_tokens: z.number().int().nonnegative(),
  response: z.string(),
});

const recordSchema = z.object({
  id: z.string(),
  source: z.string().default(""),
  category: z.string().default(""),
  prompt: z.string(),
  models: z.record(z.string(), answerSchema),
});

export type ReplayAnswer = z.infer<typeof answerSchema>;
export type ReplayRecord = z.infer<typeof recordSchema>;

export interface ReplayDataset {
  files: string[];
  records: number;
  /** Records whose prompt text an earlier record already had; the first one is served. */
  duplicates: number;
  lookup(prompt: string): ReplayRecord | undefined;
}

export function resolveDataPath(path: string, root = REPO_ROOT): string {
  return isAbsolute(path) ? path : resolve(root, path);
}

export function parseReplayLines(text: string, origin: string): ReplayRecord[] {
  const records: ReplayRecord[] = [];
  for (const [i, line] of text.split("\n").entries()) {
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (cause) {
      throw new ConfigError(`replay data ${origin}, line ${i + 1}: not JSON`, { cause });
    }
    const record = recordSchema.safeParse(parsed);
    if (!record.success) {
      throw new ConfigError(`replay data ${origin}, line ${i + 1}: ${record.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`);
    }
    records.push(record.data);
  }
  return records;
}

export function indexRecords(records: readonly ReplayRecord[], files: string[] = []): ReplayDataset {
  const byPrompt = new Map<string, ReplayRecord>();
  let duplicates = 0;
  for (const record of records) {
    if (byPrompt.has(record.prompt)) duplicates += 1;
    else byPrompt.set(record.prompt, record);
  }
  return { files, records: records.length, duplicates, lookup: (prompt) => byPrompt.get(prompt) };
}

/** Reads and indexes the files; a missing or malformed file is a ConfigError naming it. */
export function loadReplayDataset(paths: readonly string[], root = REPO_ROOT): ReplayDataset {
  const files = paths.map((p) => resolveDataPath(p, root));
  const records: ReplayRecord[] = [];
  for (const [i, file] of files.entries()) {
    if (!existsSync(file)) {
      throw new ConfigError(`replay data '${paths[i]}' not found (looked at ${file}); the data sets live in `
        + "shared/data beside the repository (../shared/data/routerbench/dev.jsonl); set XROUTER_REPLAY_DATA to their path");
    }
    records.push(...parseReplayLines(readFileSync(file, "utf8"), file));
  }
  return indexRecords(records, files);
}
