// cl100k token counts (gpt-tokenizer), loaded on first use: its tables cost ~45 MiB of memory,
// and most processes only count tokens when a provider reports no usage.
import { createRequire } from "node:module";

type CountTokens = (text: string, options?: { disallowedSpecial?: Set<string> }) => number;

let countTokens: CountTokens | undefined;
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/** Tokens of `text`; special-token markers such as "<|endoftext|>" count as plain text. */
export function countCl100kTokens(text: string): number {
  if (!text) return 0;
  countTokens ??= (createRequire(import.meta.url)("gpt-tokenizer") as { countTokens: CountTokens }).countTokens;
  return countTokens(text, PLAIN_TEXT);
}
