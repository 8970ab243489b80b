// Which catalog models a request may use, and their Candidate form for the policy.
import type { Candidate, CatalogModel } from "../../../common/src/index.js";

// Built once per catalog model: every Decide of every request sends the same objects.
const candidates = new WeakMap<CatalogModel, Candidate>();

export function toCandidate(model: CatalogModel): Candidate {
  let candidate = candidates.get(model);
  if (!candidate) candidates.set(model, candidate = buildCandidate(model));
  return candidate;
}

function buildCandidate(model: CatalogModel): Candidate {
  return {
    model_id: model.id, provider: model.provider, tier: model.tier, price: model.price,
    context_window: model.context_window, max_output_tokens: model.max_output_tokens,
    capabilities: model.capabilities, description: model.description,
  };
}

/** The key's allow-list narrows the catalog; an empty list allows every model. */
export function allowedModels(catalog: readonly CatalogModel[], keyAllowList: readonly string[]): CatalogModel[] {
  if (keyAllowList.length === 0) return [...catalog];
  const allowed = new Set(keyAllowList);
  return catalog.filter((m) => allowed.has(m.id));
}
