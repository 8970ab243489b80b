// Validates rendered manifests against the Kubernetes and KEDA OpenAPI schemas, through the model
// classes of kubernetes-models and @kubernetes-models/keda. Their validators check types, enums,
// formats and required fields but let unknown fields through, and a misspelt field
// (`enableServiceLink`, `tolerationSeconds` on the wrong level) is exactly the mistake a manifest
// makes; so validation also runs over a proxy that records every field the schema looked at, and
// any field it never looked at is reported as unknown (what `kubectl --validate=strict` does).
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

interface ModelClass { new(data: unknown): object; prototype: { validate(): void } }

/** The model module of every kind the manifests may use; any other kind fails validation. */
const MODELS: Record<string, string> = {
  "v1/Namespace": "kubernetes-models/v1/Namespace",
  "v1/ConfigMap": "kubernetes-models/v1/ConfigMap",
  "v1/Secret": "kubernetes-models/v1/Secret",
  "v1/ServiceAccount": "kubernetes-models/v1/ServiceAccount",
  "v1/Service": "kubernetes-models/v1/Service",
  "v1/PersistentVolumeClaim": "kubernetes-models/v1/PersistentVolumeClaim",
  "apps/v1/Deployment": "kubernetes-models/apps/v1/Deployment",
  "apps/v1/StatefulSet": "kubernetes-models/apps/v1/StatefulSet",
  "policy/v1/PodDisruptionBudget": "kubernetes-models/policy/v1/PodDisruptionBudget",
  "autoscaling/v2/HorizontalPodAutoscaler": "kubernetes-models/autoscaling/v2/HorizontalPodAutoscaler",
  "networking.k8s.io/v1/NetworkPolicy": "kubernetes-models/networking.k8s.io/v1/NetworkPolicy",
  "keda.sh/v1alpha1/ScaledObject": "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject",
  "keda.sh/v1alpha1/TriggerAuthentication": "@kubernetes-models/keda/keda.sh/v1alpha1/TriggerAuthentication",
};

export const knownKinds = (): string[] => Object.keys(MODELS);

function modelFor(apiVersion: string, kind: string): ModelClass {
  const path = MODELS[`${apiVersion}/${kind}`];
  if (!path) throw new Error(`${apiVersion} ${kind}: no schema known for this kind`);
  const model = (require(path) as Record<string, ModelClass | undefined>)[kind];
  if (!model) throw new Error(`${path} exports no ${kind}`);
  return model;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A proxy over `value` that records the path of every property read through it. */
function tracked(value: unknown, path: string, seen: Set<string>): unknown {
  if (typeof value !== "object" || value === null) return value;
  return new Proxy(value as object, {
    get(target, key, receiver) {
      const child = Reflect.get(target, key, receiver);
      if (typeof key !== "string") return child;
      seen.add(`${path}/${key}`);
      return tracked(child, `${path}/${key}`, seen);
    },
  });
}

function unknownFields(value: unknown, path: string, seen: Set<string>, out: string[]): void {
  if (Array.isArray(value)) {
    value.forEach((item, i) => unknownFields(item, `${path}/${i}`, seen, out));
    return;
  }
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    const at = `${path}/${key}`;
    if (!seen.has(at)) out.push(at);
    else unknownFields(child, at, seen, out);
  }
}

export interface SchemaProblem { resource: string; message: string }

/** Problems with one manifest: schema violations, then fields the schema does not define. */
export function validateManifest(manifest: Record<string, any>): string[] {
  const id = `${manifest.apiVersion} ${manifest.kind} ${manifest.metadata?.name}`;
  let Model: ModelClass;
  try {
    Model = modelFor(String(manifest.apiVersion), String(manifest.kind));
  } catch (error) {
    return [(error as Error).message];
  }
  const model = new Model(manifest);
  try {
    Model.prototype.validate.call(model);
  } catch (error) {
    return [`${id}: ${(error as Error).message}`];
  }
  const seen = new Set<string>();
  Model.prototype.validate.call(tracked(model, "", seen));
  const unknown: string[] = [];
  unknownFields(JSON.parse(JSON.stringify(manifest)), "", seen, unknown);
  return unknown.map((path) => `${id}: unknown field ${path}`);
}
