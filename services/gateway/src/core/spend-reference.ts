// The reference for the savings figure of spend reports: the most expensive model of the
// catalog, i.e. what a client that always picked the top model would have paid. "Most expensive"
// is the highest input + output price per token (ties: the higher output price, then the id), a
// fixed choice so a report does not change with the mix of the tenant's traffic.
import type { CatalogModel } from "../../../common/src/index.js";

export function mostExpensiveModel(models: readonly CatalogModel[]): CatalogModel | undefined {
  const weight = (m: CatalogModel) => m.price.input_nanousd_per_token + m.price.output_nanousd_per_token;
  return [...models].sort((a, b) => weight(b) - weight(a)
    || b.price.output_nanousd_per_token - a.price.output_nanousd_per_token || a.id.localeCompare(b.id))[0];
}
