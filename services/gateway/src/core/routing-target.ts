// What the request's `model` names: the default router, a named policy, or one catalog model.
import { modelNotFound, type Catalog, type CatalogModel } from "../../../common/src/index.js";

export type RoutingTarget =
  | { kind: "router"; policy: string }
  | { kind: "model"; model: CatalogModel };

export const ROUTER_ALIASES = ["router", "auto"] as const;

export function resolveTarget(model: string, catalog: Catalog, policies: readonly string[]): RoutingTarget {
  if ((ROUTER_ALIASES as readonly string[]).includes(model)) return { kind: "router", policy: "" };
  const named = /^(?:router|auto):(.+)$/.exec(model);
  if (named) {
    if (!policies.includes(named[1]!)) throw modelNotFound(model);
    return { kind: "router", policy: named[1]! };
  }
  const pinned = catalog.get(model);
  if (!pinned) throw modelNotFound(model);
  return { kind: "model", model: pinned };
}
