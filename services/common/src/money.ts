// Money is integer nano-USD (1e-9 USD) everywhere: in the catalog after loading, on the wire
// (int64), and in the ledger (BIGINT). Token prices are published in USD per million tokens with
// at most three decimals, so a price is a whole number of nano-USD per token and a call's cost
// is an exact integer sum. Integers stay exact in a JS number up to 2^53 nano-USD (about $9M per
// single value); larger sums are kept in the database as BIGINT.
import type { ModelPrice } from "./generated/xrouter/executor/v1/ModelPrice.js";
import type { Usage } from "./generated/xrouter/chat/v1/Usage.js";

export const NANO_PER_USD = 1_000_000_000;

export interface NanoPrice {
  input_nanousd_per_token: number;
  cached_input_nanousd_per_token: number;
  output_nanousd_per_token: number;
  cache_write_nanousd_per_token: number;
}

/** USD per 1M tokens -> nano-USD per token; refuses prices finer than $0.001 per 1M. */
export function perMillionToNanoPerToken(usdPerMillion: number): number {
  const scaled = usdPerMillion * 1000;
  const rounded = Math.round(scaled);
  if (!Number.isFinite(usdPerMillion) || usdPerMillion < 0 || Math.abs(scaled - rounded) > 1e-6) {
    throw new RangeError(`price ${usdPerMillion} USD/1M is negative or finer than 0.001 USD/1M`);
  }
  return rounded;
}

export function usdToNano(usd: number): number {
  if (!Number.isFinite(usd)) throw new RangeError(`not a finite amount: ${usd}`);
  return Math.round(usd * NANO_PER_USD);
}

/** For display and JSON answers only; never add these up. */
export function nanoToUsd(nano: number): number {
  return nano / NANO_PER_USD;
}

type UsageLike = Pick<Usage, "input_tokens" | "output_tokens" | "cached_input_tokens" | "cache_write_tokens">;

const n = (value: number | string | { toNumber(): number } | undefined | null): number =>
  value === undefined || value === null ? 0 : typeof value === "object" ? value.toNumber() : Number(value);

/**
 * The exact cost of a call. `input_tokens` counts every prompt token, cached and cache-written
 * ones included (adapters normalise providers to this); `output_tokens` includes reasoning tokens.
 */
export function costNano(usage: UsageLike, price: NanoPrice | ModelPrice): number {
  const input = n(usage.input_tokens);
  const cached = n(usage.cached_input_tokens);
  const cacheWrite = n(usage.cache_write_tokens);
  const output = n(usage.output_tokens);
  const plainInput = Math.max(0, input - cached - cacheWrite);
  return plainInput * n(price.input_nanousd_per_token)
    + cached * n(price.cached_input_nanousd_per_token)
    + cacheWrite * n(price.cache_write_nanousd_per_token)
    + output * n(price.output_nanousd_per_token);
}

/** The most a call can cost: every input token at the full rate and max_tokens of output. */
export function worstCaseCostNano(inputTokens: number, maxOutputTokens: number, price: NanoPrice | ModelPrice): number {
  return inputTokens * n(price.input_nanousd_per_token) + maxOutputTokens * n(price.output_nanousd_per_token);
}
