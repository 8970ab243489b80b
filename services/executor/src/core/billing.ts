// What an attempt that did not end in an answer may have cost. The rule: an attempt is billable
// when the provider may have charged for it (the adapter says so on its ProviderError: a broken
// stream, a reset or timeout after the request went out, a garbled 2xx, our own abort of a request
// in flight); HTTP error statuses never are. Its cost is an estimate, flagged as such: the input
// the provider reported, else our tokenizer's count of the prompt; the output our tokenizer counts
// in the text seen so far, at most max_tokens.
import { costNano, type ModelPrice, type ProviderCall__Output, type Usage__Output } from "../../../common/src/index.js";
import type { ProviderError } from "./provider.js";
import { countMessageTokens, countTextTokens } from "./usage.js";

const ZERO_PRICE: ModelPrice = {
  input_nanousd_per_token: 0, cached_input_nanousd_per_token: 0, output_nanousd_per_token: 0, cache_write_nanousd_per_token: 0,
};

export const NO_USAGE: Usage__Output = {
  input_tokens: 0, output_tokens: 0, cached_input_tokens: 0, reasoning_tokens: 0, cache_write_tokens: 0, estimated: false,
};

const n = (v: unknown): number => (v === undefined || v === null ? 0 : Number(v));

export function estimateAttemptUsage(call: ProviderCall__Output, error: ProviderError): Usage__Output {
  const reported = error.partialUsage;
  const reportedInput = n(reported?.input_tokens);
  const maxTokens = call.params?.max_tokens ?? 0;
  const seen = countTextTokens(error.partialText);
  return {
    input_tokens: reportedInput > 0 ? reportedInput : countMessageTokens(call.messages),
    output_tokens: maxTokens > 0 ? Math.min(maxTokens, seen) : seen,
    cached_input_tokens: reportedInput > 0 ? n(reported?.cached_input_tokens) : 0,
    reasoning_tokens: 0,
    cache_write_tokens: reportedInput > 0 ? n(reported?.cache_write_tokens) : 0,
    estimated: true,
  };
}

export interface AttemptBill {
  usage: Usage__Output;
  costNano: number;
}

/** The bill of one failed attempt: zero unless the provider may have charged for it. */
export function billAttempt(call: ProviderCall__Output, error: ProviderError | undefined): AttemptBill {
  if (!error?.billable) return { usage: { ...NO_USAGE }, costNano: 0 };
  const usage = estimateAttemptUsage(call, error);
  return { usage, costNano: costNano(usage, call.price ?? ZERO_PRICE) };
}

/**
 * Ledger id of an attempt that was abandoned for a retry. The delivery number keeps the ids of a
 * redelivered call's new attempts apart from the first delivery's, and a repeated write of the
 * same attempt is a no-op in the ledger; the call's own row (its plain id) holds the last attempt.
 */
export const attemptCallId = (callId: string, execution: number, attempt: number): string => `${callId}#${execution}.${attempt}`;
