// The trained policy as a versioned JSON file. Weight matrices are stored sparsely: one shared list
// of feature indices (those seen in training) and int16 values with a scale per row, base64
// encoded, which keeps an 11-model policy to a few MB while losing < 1e-4 relative precision.
import { readFileSync } from "node:fs";
import { z } from "zod";
import { DENSE_FEATURES } from "./features.js";

export const ARTIFACT_FORMAT = "xrouter-learned-policy";
export const ARTIFACT_VERSION = 1;

const encodedMatrix = z.object({
  rows: z.number().int().positive(),
  /** base64 of little-endian int32 feature indices, ascending. */
  index: z.string(),
  /** base64 of little-endian int16, row-major, rows x index length. */
  values: z.string(),
  scales: z.array(z.number().nonnegative()),
}).strict();

export type EncodedMatrix = z.infer<typeof encodedMatrix>;

const artifactSchema = z.object({
  format: z.literal(ARTIFACT_FORMAT),
  version: z.literal(ARTIFACT_VERSION),
  trained_on: z.object({
    data: z.string(),
    prompts: z.number().int().positive(),
    sha256: z.string(),
    seed: z.number().int(),
    tasks: z.record(z.string(), z.number().int().nonnegative()),
  }).strict(),
  catalog: z.string().min(1),
  models: z.array(z.string().min(1)).min(1),
  tasks: z.array(z.string().min(1)).min(1),
  features: z.object({
    hash: z.literal("fnv1a32+fmix32"),
    log2_buckets: z.number().int().min(4).max(24),
    char_ngrams: z.tuple([z.number().int().positive(), z.number().int().positive()]),
    head_chars: z.number().int().nonnegative(),
    query_chars: z.number().int().positive(),
    dense: z.array(z.string()),
  }).strict(),
  defaults: z.object({ lambda: z.number().nonnegative(), cost_max: z.number().positive(), k: z.number().positive() }).strict(),
  tokens: z.object({ bytes_per_token: z.number().positive() }).strict(),
  /** Per task (rows) and model (columns): smoothed success rate and mean output tokens. */
  prior: z.object({ success: z.array(z.array(z.number().min(0).max(1))), output_tokens: z.array(z.array(z.number().nonnegative())) }).strict(),
  task_classifier: encodedMatrix.nullable(),
  success: z.object({ l2: z.number().nonnegative(), l2_dense: z.number().nonnegative(), weights: encodedMatrix }).strict(),
  notes: z.string().optional(),
}).strict();

export type PolicyArtifact = z.infer<typeof artifactSchema>;

export class ArtifactError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ArtifactError";
  }
}

/** Encodes dense rows restricted to `index` (ascending feature ids). */
export function encodeMatrix(rows: readonly Float64Array[], index: Int32Array): EncodedMatrix {
  const values = new Int16Array(rows.length * index.length);
  const scales = rows.map((row, r) => {
    let top = 0;
    for (let t = 0; t < index.length; t++) top = Math.max(top, Math.abs(row[t]!));
    const scale = top / 32767;
    for (let t = 0; t < index.length; t++) values[r * index.length + t] = scale > 0 ? Math.round(row[t]! / scale) : 0;
    return scale;
  });
  return {
    rows: rows.length,
    index: Buffer.from(index.buffer, index.byteOffset, index.byteLength).toString("base64"),
    values: Buffer.from(values.buffer, values.byteOffset, values.byteLength).toString("base64"),
    scales,
  };
}

function typed<T>(b64: string, bytes: number, make: (buffer: ArrayBuffer, length: number) => T): [T, number] {
  const raw = Buffer.from(b64, "base64");
  if (raw.length % bytes !== 0) throw new ArtifactError(`encoded array length ${raw.length} is not a multiple of ${bytes}`);
  const copy = new ArrayBuffer(raw.length);
  new Uint8Array(copy).set(raw);
  return [make(copy, raw.length / bytes), raw.length / bytes];
}

/**
 * Decodes into one interleaved array, feature-major (`out[feature * rows + r]`), so that a single
 * pass over a prompt's features scores every row at once.
 */
export function decodeInterleaved(m: EncodedMatrix, dim: number): Float32Array {
  const [index, n] = typed(m.index, 4, (b, len) => new Int32Array(b, 0, len));
  const [values, count] = typed(m.values, 2, (b, len) => new Int16Array(b, 0, len));
  if (count !== n * m.rows || m.scales.length !== m.rows) throw new ArtifactError("weight matrix shape does not match its index");
  const out = new Float32Array(dim * m.rows);
  for (let t = 0; t < n; t++) {
    const feature = index[t]!;
    if (feature < 0 || feature >= dim) throw new ArtifactError(`feature index ${feature} outside 0..${dim - 1}`);
    for (let r = 0; r < m.rows; r++) out[feature * m.rows + r] = values[r * n + t]! * m.scales[r]!;
  }
  return out;
}

export function parseArtifact(data: unknown, origin: string): PolicyArtifact {
  const head = data as { format?: unknown; version?: unknown } | null;
  if (!head || head.format !== ARTIFACT_FORMAT) throw new ArtifactError(`${origin}: not an ${ARTIFACT_FORMAT} file`);
  if (head.version !== ARTIFACT_VERSION) {
    throw new ArtifactError(`${origin}: version ${String(head.version)} is not supported (expected ${ARTIFACT_VERSION})`);
  }
  const parsed = artifactSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 10).map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new ArtifactError(`${origin} is invalid:\n${problems}`);
  }
  const a = parsed.data;
  const shape = (rows: number[][], what: string) => {
    if (rows.length !== a.tasks.length || rows.some((r) => r.length !== a.models.length)) {
      throw new ArtifactError(`${origin}: ${what} must be tasks x models (${a.tasks.length} x ${a.models.length})`);
    }
  };
  shape(a.prior.success, "prior.success");
  shape(a.prior.output_tokens, "prior.output_tokens");
  if (a.success.weights.rows !== a.models.length) throw new ArtifactError(`${origin}: one success weight row per model expected`);
  if (a.task_classifier && a.task_classifier.rows !== a.tasks.length) throw new ArtifactError(`${origin}: one classifier row per task expected`);
  if (a.features.dense.join(",") !== DENSE_FEATURES.join(",")) {
    throw new ArtifactError(`${origin}: dense features [${a.features.dense.join(", ")}] differ from this code's; retrain`);
  }
  return a;
}

export function loadArtifact(path: string): PolicyArtifact {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, "utf8"));
  } catch (cause) {
    throw new ArtifactError(`cannot read policy artifact ${path}: ${(cause as Error).message}`);
  }
  return parseArtifact(data, path);
}
