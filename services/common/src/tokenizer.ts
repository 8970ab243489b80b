// cl100k token counts (gpt-tokenizer). Its tables cost ~33 MiB of memory and ~200 ms of a blocked
// event loop to load, so a process that counts only now and then loads them on first use, and the
// executor, which counts the text of every cancelled stream, loads them before it takes calls:
// loaded on first use, the first cancel under load stalled every call of that executor.
import { createRequire } from "node:module";

type CountTokens = (text: string, options?: { disallowedSpecial?: Set<string> }) => number;

let countTokens: CountTokens | undefined;
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

function loadTokenizer(): CountTokens {
  // the package's main entry is o200k_base (~68 MiB of tables); cl100k_base is what we count in
  countTokens ??= (createRequire(import.meta.url)("gpt-tokenizer/encoding/cl100k_base") as { countTokens: CountTokens }).countTokens;
  return countTokens;
}

/** Loads the tables now; a process that will count tokens under load calls this at start-up. */
export function preloadTokenizer(): void {
  loadTokenizer()("warm up", PLAIN_TEXT);
}

export const tokenizerLoaded = (): boolean => countTokens !== undefined;

/** Tokens of `text`; special-token markers such as "<|endoftext|>" count as plain text. */
export function countCl100kTokens(text: string): number {
  if (!text) return 0;
  return loadTokenizer()(text, PLAIN_TEXT);
}
