// cl100k token counts (gpt-tokenizer), loaded on first use: its tables cost ~40 MiB of memory,
// and most processes only count tokens when a provider reports no usage.
import { createRequire } from "node:module";

type CountTokens = (text: string, options?: { disallowedSpecial?: Set<string> }) => number;

let countTokens: CountTokens | undefined;
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens of `text`; special-token markers such as "<|endoftext|>" count as plain text. */
export function countCl100kTokens(text: string): number {
  if (!text) return 0;
  // the package's main entry is o200k_base (~68 MiB of tables); cl100k_base is what we count in (~40 MiB)
  countTokens ??= (createRequire(import.meta.url)("gpt-tokenizer/encoding/cl100k_base") as { countTokens: CountTokens }).countTokens;
  return countTokens(text, PLAIN_TEXT);
}
