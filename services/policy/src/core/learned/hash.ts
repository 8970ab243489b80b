// Feature hashing. FNV-1a over UTF-16 code units is cheap enough to run incrementally over every
// character n-gram of a prompt; the murmur3 finaliser then spreads FNV's weak low bits so that
// bucket (low bits) and sign (top bit) are close to independent.

export const FNV_OFFSET = 0x811c9dc5;

export function fnvStep(hash: number, code: number): number {
  return Math.imul(hash ^ code, 0x01000193) >>> 0;
}

export function fnvString(text: string, seed = FNV_OFFSET): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = fnvStep(h, text.charCodeAt(i));
  return h;
}

export function fmix32(value: number): number {
  let h = value >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines two hashes order-sensitively (word bigrams, namespaces). */
export function combine(a: number, b: number): number {
  return fmix32((Math.imul(a, 31) + b + 0x9e3779b9) >>> 0);
}

/** Deterministic PRNG for fold assignment and shuffles: the same seed gives the same artifact. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
