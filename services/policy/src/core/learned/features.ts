// Prompt features for the learned policy: signed hashed n-grams plus a few dense markers. Only a
// bounded head and query window are hashed, so a 4,000-token prompt costs the same as a short
// one; the head identifies few-shot templates and task type, the query (the last paragraph, where
// few-shot prompts put the actual question) carries what differs between prompts.
import type { ChatMessage__Output } from "../../../../common/src/index.js";
import { combine, fmix32, fnvStep, fnvString } from "./hash.js";

export interface FeatureConfig {
  log2_buckets: number;
  char_ngrams: [number, number];
  head_chars: number;
  query_chars: number;
}

export const DEFAULT_FEATURES: FeatureConfig = { log2_buckets: 18, char_ngrams: [3, 5], head_chars: 1000, query_chars: 1500 };

export const DENSE_FEATURES = [
  "bias", "len_log", "len_lt256", "len_lt1k", "len_lt4k", "len_lt16k", "len_ge16k", "query_len_log", "paragraphs_log",
  "mcq_options", "fewshot_answers", "code_fence", "code_words", "math_words", "latex", "digit_ratio", "question_mark",
  "non_ascii_ratio",
] as const;

/** Sparse vector; indices >= 2^log2_buckets are the dense features in DENSE_FEATURES order. */
export interface SparseVector {
  index: Int32Array;
  value: Float32Array;
}

const SEED_QUERY_CHARS = fnvString("query-chars");
const SEED_QUERY_WORDS = fnvString("query-words");
const SEED_HEAD_WORDS = fnvString("head-words");
const CODE_WORDS = /\b(python|javascript|typescript|function|code|program|implement|sql|regex|class|def|bash|java|c\+\+)\b/;
const MATH_WORDS = /\b(calculate|solve|equation|integral|probability|prove|sum|derivative|matrix|compute)\b/;
const OPTION_LINE = /(^|\n)\s*[A-E][).:]\s/g;

/** The text a policy sees: every message's content in order, blank-line separated. */
export function promptText(messages: readonly ChatMessage__Output[]): string {
  if (messages.length === 1) return messages[0]?.content ?? "";
  return messages.map((m) => m.content ?? "").filter((c) => c.length > 0).join("\n\n");
}

/** The last paragraph, or the tail of the text when that paragraph is too short to mean much. */
export function queryWindow(text: string, maxChars: number): string {
  const cut = text.lastIndexOf("\n\n");
  let query = cut >= 0 ? text.slice(cut + 2) : text;
  if (query.trim().length < 32) query = text;
  return query.length > maxChars ? query.slice(query.length - maxChars) : query;
}

function countOf(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code > 127;
}

export class Featurizer {
  readonly buckets: number;
  readonly dim: number;
  private readonly mask: number;
  private readonly counts: Float64Array;
  private readonly seen: Uint8Array;
  private touched: Int32Array;
  private size = 0;
  private outIndex = new Int32Array(0);
  private outValue = new Float32Array(0);

  constructor(readonly config: FeatureConfig = DEFAULT_FEATURES) {
    if (!Number.isInteger(config.log2_buckets) || config.log2_buckets < 4 || config.log2_buckets > 24) {
      throw new RangeError(`log2_buckets must be an integer in 4..24, got ${config.log2_buckets}`);
    }
    this.buckets = 2 ** config.log2_buckets;
    this.mask = this.buckets - 1;
    this.dim = this.buckets + DENSE_FEATURES.length;
    this.counts = new Float64Array(this.buckets);
    this.seen = new Uint8Array(this.buckets);
    this.touched = new Int32Array(8192);
  }

  /** The returned arrays are views into buffers reused by the next call: copy them to keep them. */
  featurize(text: string): SparseVector {
    const head = text.slice(0, this.config.head_chars).toLowerCase();
    const query = queryWindow(text, this.config.query_chars).toLowerCase();
    this.size = 0;
    this.words(head, SEED_HEAD_WORDS);
    this.words(query, SEED_QUERY_WORDS);
    this.chars(query);
    return this.emit(this.dense(text, query));
  }

  private add(hash: number): void {
    const mixed = fmix32(hash);
    const bucket = mixed & this.mask;
    this.counts[bucket]! += mixed & 0x80000000 ? -1 : 1;
    if (this.seen[bucket] === 0) {
      this.seen[bucket] = 1;
      if (this.size === this.touched.length) {
        const grown = new Int32Array(this.touched.length * 2);
        grown.set(this.touched);
        this.touched = grown;
      }
      this.touched[this.size++] = bucket;
    }
  }

  private chars(text: string): void {
    const [lo, hi] = this.config.char_ngrams;
    for (let i = 0; i + lo <= text.length; i++) {
      let h = SEED_QUERY_CHARS;
      for (let k = 0; k < hi && i + k < text.length; k++) {
        h = fnvStep(h, text.charCodeAt(i + k));
        if (k + 1 >= lo) this.add(h);
      }
    }
  }

  /** Words are runs of letters/digits; other non-space characters are one-character words. */
  private words(text: string, seed: number): void {
    let previous = 0;
    let i = 0;
    while (i < text.length) {
      const code = text.charCodeAt(i);
      if (code <= 32) { i++; continue; }
      let h = seed;
      if (isWordChar(code)) {
        while (i < text.length && isWordChar(text.charCodeAt(i))) h = fnvStep(h, text.charCodeAt(i++));
      } else {
        h = fnvStep(h, code);
        i++;
      }
      this.add(h);
      if (previous !== 0) this.add(combine(previous, h));
      previous = h;
    }
  }

  private dense(text: string, query: string): number[] {
    const n = text.length;
    let digits = 0;
    let nonAscii = 0;
    for (let i = 0; i < query.length; i++) {
      const c = query.charCodeAt(i);
      if (c >= 48 && c <= 57) digits++;
      else if (c > 127) nonAscii++;
    }
    const ql = Math.max(1, query.length);
    return [
      1, Math.log1p(n) / 10, n < 256 ? 1 : 0, n >= 256 && n < 1024 ? 1 : 0, n >= 1024 && n < 4096 ? 1 : 0,
      n >= 4096 && n < 16384 ? 1 : 0, n >= 16384 ? 1 : 0, Math.log1p(query.length) / 8, Math.log1p(countOf(text, "\n\n")) / 4,
      Math.min(1, (query.match(OPTION_LINE)?.length ?? 0) / 4), Math.log1p(countOf(text, "Answer:")) / 3,
      query.includes("```") ? 1 : 0, CODE_WORDS.test(query) ? 1 : 0, MATH_WORDS.test(query) ? 1 : 0,
      query.includes("$") || query.includes("\\") ? 1 : 0, digits / ql, query.includes("?") ? 1 : 0, nonAscii / ql,
    ];
  }

  /** Sublinear tf keeps long repeated spans from dominating; L2 makes prompts of any length comparable. */
  private emit(dense: number[]): SparseVector {
    if (this.outIndex.length < this.size + dense.length) {
      this.outIndex = new Int32Array(2 * (this.size + dense.length));
      this.outValue = new Float32Array(2 * (this.size + dense.length));
    }
    const index = this.outIndex;
    const value = this.outValue;
    let norm = 0;
    let out = 0;
    for (let t = 0; t < this.size; t++) {
      const bucket = this.touched[t]!;
      const c = this.counts[bucket]!;
      this.counts[bucket] = 0;
      this.seen[bucket] = 0;
      if (c === 0) continue;
      const v = Math.sign(c) * (1 + Math.log(Math.abs(c)));
      index[out] = bucket;
      value[out++] = v;
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let t = 0; t < out; t++) value[t]! *= scale;
    for (let d = 0; d < dense.length; d++) {
      index[out] = this.buckets + d;
      value[out++] = dense[d]!;
    }
    return { index: index.subarray(0, out), value: value.subarray(0, out) };
  }
}

export function dot(weights: Float32Array | Float64Array, x: SparseVector): number {
  let sum = 0;
  for (let t = 0; t < x.index.length; t++) sum += weights[x.index[t]!]! * x.value[t]!;
  return sum;
}
