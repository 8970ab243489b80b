// What the recorded tokens would have cost on a reference model (the gateway passes the most
// expensive model of its catalog): the savings the router delivered. Cost is linear in the
// token counts, so pricing a roll-up row's summed tokens gives exactly the sum of pricing each
// call on its own; that is why the ledger can answer from spend_daily after the raw calls are
// pruned, and why no catalog price has to be stored with a call.
import { costNano, type ModelPrice } from "../../../common/src/index.js";

export interface TokenTotals {
  input_tokens: number;
  output_tokens: number;
  cached_input_tokens: number;
  cache_write_tokens: number;
}

export function counterfactualNano(tokens: TokenTotals, reference: ModelPrice | null | undefined): number {
  return reference ? costNano(tokens, reference) : 0;
}
