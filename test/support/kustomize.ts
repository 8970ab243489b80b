// A small kustomize for the subset deploy/kubernetes uses, so the deployment tests render every
// overlay on any machine with Node alone. It follows kustomize v5's semantics and order (patches,
// then namespace, then labels, then images, per kustomization; a component runs its transformers
// over everything accumulated before it) and refuses, loudly, every field or form it does not
// implement rather than render something kustomize would not. test/deploy.test.ts checks its
// output against `kubectl kustomize` for every overlay.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { parseAllDocuments } from "yaml";

export interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string>; [k: string]: unknown };
  [field: string]: any;
}

export interface PatchTarget {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

interface PatchEntry { path?: string; patch?: string; target?: PatchTarget }
interface LabelEntry { pairs: Record<string, string>; includeSelectors?: boolean; includeTemplates?: boolean }
interface ImageEntry { name: string; newName?: string; newTag?: string; digest?: string }

interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources?: string[];
  components?: string[];
  namespace?: string;
  labels?: LabelEntry[];
  images?: ImageEntry[];
  patches?: PatchEntry[];
}

export class KustomizeError extends Error {}

const SUPPORTED_FIELDS = new Set(["apiVersion", "kind", "resources", "components", "namespace", "labels", "images", "patches"]);
const KUSTOMIZATION_FILES = ["kustomization.yaml", "kustomization.yml", "Kustomization"];

/** Kinds kustomize leaves without a namespace; every other kind, custom ones included, gets one. */
const CLUSTER_SCOPED = new Set([
  "Namespace", "Node", "PersistentVolume", "StorageClass", "CSIDriver", "CSINode", "VolumeAttachment", "PriorityClass",
  "RuntimeClass", "IngressClass", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "APIService",
  "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "ClusterTriggerAuthentication",
]);

/** API groups whose kinds carry Kubernetes' strategic-merge keys; for any other group lists are replaced whole, as kustomize does. */
const BUILTIN_GROUPS = new Set([
  "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io",
  "scheduling.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "node.k8s.io",
]);

const isObject = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);
const clone = <T>(v: T): T => structuredClone(v);

function splitApiVersion(apiVersion: string): { group: string; version: string } {
  const slash = apiVersion.indexOf("/");
  return slash < 0 ? { group: "", version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

export const resourceId = (r: Resource): string => `${r.kind}/${r.metadata.namespace ?? "~"}/${r.metadata.name}`;

function kustomizationFile(dir: string): string {
  for (const name of KUSTOMIZATION_FILES) {
    const file = join(dir, name);
    try {
      if (statSync(file).isFile()) return file;
    } catch { /* try the next name */ }
  }
  throw new KustomizeError(`${dir}: no kustomization.yaml`);
}

function loadKustomization(dir: string): Kustomization {
  const file = kustomizationFile(dir);
  const parsed = parseYamlDocs(readFileSync(file, "utf8"), file);
  if (parsed.length !== 1 || !isObject(parsed[0])) throw new KustomizeError(`${file}: expected one mapping`);
  const k = parsed[0] as Kustomization;
  for (const field of Object.keys(k)) {
    if (!SUPPORTED_FIELDS.has(field)) throw new KustomizeError(`${file}: field '${field}' is not supported by this renderer`);
  }
  for (const label of k.labels ?? []) {
    // both widen the labels into selectors or pod templates, which this renderer does not do
    if (label.includeSelectors || label.includeTemplates) throw new KustomizeError(`${file}: labels.includeSelectors/includeTemplates are not supported`);
  }
  return k;
}

function parseYamlDocs(text: string, source: string): unknown[] {
  const docs = parseAllDocuments(text);
  const out: unknown[] = [];
  for (const doc of docs) {
    if (doc.errors.length > 0) throw new KustomizeError(`${source}: ${doc.errors[0]!.message}`);
    const value = doc.toJS();
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

function readResourceFile(file: string): Resource[] {
  return parseYamlDocs(readFileSync(file, "utf8"), file).map((doc) => {
    if (!isObject(doc) || typeof doc.apiVersion !== "string" || typeof doc.kind !== "string" || !isObject(doc.metadata) || typeof doc.metadata.name !== "string") {
      throw new KustomizeError(`${file}: every document needs apiVersion, kind and metadata.name`);
    }
    return doc as Resource;
  });
}

/** kustomize's load restrictor: files come from inside the kustomization's own folder; other kustomizations may live anywhere. */
function insideRoot(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith("..") && !isAbsolute(rel));
}

function addResources(into: Resource[], added: Resource[]): void {
  const seen = new Set(into.map(resourceId));
  for (const r of added) {
    const id = resourceId(r);
    if (seen.has(id)) throw new KustomizeError(`duplicate resource ${id}`);
    seen.add(id);
    into.push(r);
  }
}

function accumulate(dir: string, k: Kustomization, into: Resource[]): void {
  for (const entry of k.resources ?? []) {
    const path = resolve(dir, entry);
    let isDir: boolean;
    try {
      isDir = statSync(path).isDirectory();
    } catch {
      throw new KustomizeError(`${dir}: resource '${entry}' does not exist`);
    }
    if (isDir) addResources(into, buildKustomization(path));
    else {
      if (!insideRoot(dir, path)) throw new KustomizeError(`${dir}: file '${entry}' is outside the kustomization root`);
      addResources(into, readResourceFile(path));
    }
  }
  for (const entry of k.components ?? []) {
    const componentDir = resolve(dir, entry);
    const component = loadKustomization(componentDir);
    if (component.kind !== "Component") throw new KustomizeError(`${componentDir}: listed under components but is not kind Component`);
    accumulate(componentDir, component, into);
    transform(componentDir, component, into);
  }
}

function buildKustomization(dir: string): Resource[] {
  const k = loadKustomization(dir);
  if (k.kind === "Component") throw new KustomizeError(`${dir}: a Component can only be listed under components`);
  const resources: Resource[] = [];
  accumulate(dir, k, resources);
  transform(dir, k, resources);
  return resources;
}

/** Renders the kustomization in `dir` the way `kustomize build dir` would, for the supported subset. */
export function render(dir: string): Resource[] {
  return buildKustomization(resolve(dir)).map(clone);
}

// ---- transformers, in kustomize's order --------------------------------------------------------

function transform(dir: string, k: Kustomization, resources: Resource[]): void {
  for (const entry of k.patches ?? []) applyPatchEntry(dir, entry, resources);
  if (k.namespace) {
    for (const r of resources) if (!CLUSTER_SCOPED.has(r.kind)) r.metadata.namespace = k.namespace;
  }
  for (const label of k.labels ?? []) {
    for (const r of resources) r.metadata.labels = { ...(r.metadata.labels ?? {}), ...label.pairs };
  }
  for (const image of k.images ?? []) for (const r of resources) setImages(r, image);
}

function labelsMatch(selector: string, labels: Record<string, string> | undefined): boolean {
  return selector.split(",").map((s) => s.trim()).filter(Boolean).every((term) => {
    const ne = /^([^!=]+)!=(.*)$/.exec(term);
    if (ne) return labels?.[ne[1]!.trim()] !== ne[2]!.trim();
    const eq = /^([^=]+)==?(.*)$/.exec(term);
    if (eq) return labels?.[eq[1]!.trim()] === eq[2]!.trim();
    return labels?.[term] !== undefined;
  });
}

/** kustomize matches target names and namespaces as anchored regular expressions. */
const anchored = (pattern: string, value: string | undefined) => new RegExp(`^(?:${pattern})$`).test(value ?? "");

export function matchesTarget(r: Resource, t: PatchTarget): boolean {
  const { group, version } = splitApiVersion(r.apiVersion);
  if (t.group !== undefined && t.group !== group) return false;
  if (t.version !== undefined && t.version !== version) return false;
  if (t.kind !== undefined && !anchored(t.kind, r.kind)) return false;
  if (t.name !== undefined && !anchored(t.name, r.metadata.name)) return false;
  if (t.namespace !== undefined && !anchored(t.namespace, r.metadata.namespace)) return false;
  if (t.labelSelector !== undefined && !labelsMatch(t.labelSelector, r.metadata.labels)) return false;
  if (t.annotationSelector !== undefined && !labelsMatch(t.annotationSelector, r.metadata.annotations)) return false;
  return true;
}

function applyPatchEntry(dir: string, entry: PatchEntry, resources: Resource[]): void {
  if ((entry.path === undefined) === (entry.patch === undefined)) throw new KustomizeError(`${dir}: a patch needs exactly one of path and patch`);
  let text = entry.patch;
  if (entry.path !== undefined) {
    const file = resolve(dir, entry.path);
    if (!insideRoot(dir, file)) throw new KustomizeError(`${dir}: patch '${entry.path}' is outside the kustomization root`);
    text = readFileSync(file, "utf8");
  }
  const docs = parseYamlDocs(text!, `${dir} patch`);
  if (docs.length !== 1) throw new KustomizeError(`${dir}: a patch must hold exactly one document`);
  const patch = docs[0];
  if (Array.isArray(patch)) {
    if (!entry.target) throw new KustomizeError(`${dir}: a JSON 6902 patch needs a target`);
    for (const r of resources.filter((x) => matchesTarget(x, entry.target!))) {
      const patched = applyJson6902(r, patch as JsonPatchOp[]);
      Object.keys(r).forEach((key) => delete r[key]);
      Object.assign(r, patched);
    }
    return;
  }
  if (!isObject(patch)) throw new KustomizeError(`${dir}: a patch is a JSON 6902 list or a strategic-merge mapping`);
  let target = entry.target;
  if (!target) {
    if (typeof patch.kind !== "string" || !isObject(patch.metadata) || typeof patch.metadata.name !== "string") {
      throw new KustomizeError(`${dir}: a strategic-merge patch without a target needs kind and metadata.name`);
    }
    const { group, version } = splitApiVersion(String(patch.apiVersion ?? ""));
    target = {
      kind: patch.kind, name: escapeRegExp(patch.metadata.name), group, version,
      ...(typeof patch.metadata.namespace === "string" ? { namespace: escapeRegExp(patch.metadata.namespace) } : {}),
    };
  }
  const matched = resources.filter((x) => matchesTarget(x, target!));
  if (!entry.target && matched.length === 0) throw new KustomizeError(`${dir}: no resource matches the patch for ${patch.kind}/${patch.metadata.name}`);
  for (const r of matched) {
    if (patch.$patch === "delete") {
      resources.splice(resources.indexOf(r), 1);
      continue;
    }
    // with a target the patch's own identity is ignored: it patches whatever the target selects
    const body = clone(patch);
    delete body.apiVersion;
    delete body.kind;
    if (isObject(body.metadata)) {
      delete body.metadata.name;
      delete body.metadata.namespace;
    }
    const merged = strategicMerge(r, body, { builtin: BUILTIN_GROUPS.has(splitApiVersion(r.apiVersion).group), kind: r.kind, path: [] });
    Object.keys(r).forEach((key) => delete r[key]);
    Object.assign(r, merged);
  }
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

// ---- strategic merge ---------------------------------------------------------------------------

interface MergeContext { builtin: boolean; kind: string; path: string[] }

/** The merge key of a list in Kubernetes' built-in kinds, from its field name and place; undefined: the list is atomic. */
export function mergeKeyFor(kind: string, path: string[]): string | undefined {
  const field = path.at(-1);
  const parent = path.at(-2);
  switch (field) {
    case "containers": case "initContainers": case "ephemeralContainers": case "volumes": case "imagePullSecrets":
      return "name";
    case "env":
      return parent === "containers" || parent === "initContainers" || parent === "ephemeralContainers" ? "name" : undefined;
    case "volumeMounts":
      return "mountPath";
    case "volumeDevices":
      return "devicePath";
    case "hostAliases":
      return "ip";
    case "topologySpreadConstraints":
      return "topologyKey";
    case "ports":
      if (parent === "containers" || parent === "initContainers" || parent === "ephemeralContainers") return "containerPort";
      return kind === "Service" && path.length === 2 ? "port" : undefined;
    default:
      return undefined;
  }
}

export function strategicMerge(target: unknown, patch: unknown, ctx: MergeContext = { builtin: true, kind: "", path: [] }): unknown {
  if (!isObject(patch)) return clone(patch);
  if (patch.$patch === "replace") {
    const { $patch: _, ...rest } = patch;
    return clone(rest);
  }
  const out: Record<string, any> = isObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (key.startsWith("$")) throw new KustomizeError(`strategic-merge directive ${key} is not supported`);
    const path = [...ctx.path, key];
    if (value === null) delete out[key];
    else if (isObject(value)) {
      const merged = strategicMerge(out[key], value, { ...ctx, path });
      out[key] = merged;
    } else if (Array.isArray(value)) {
      const mergeKey = ctx.builtin ? mergeKeyFor(ctx.kind, path) : undefined;
      out[key] = mergeKey && Array.isArray(out[key]) ? mergeList(out[key], value, mergeKey, { ...ctx, path }) : clone(value);
    } else out[key] = value;
  }
  return out;
}

/**
 * Kubernetes' order for a merged list: the patch's elements first, in the patch's order (merged
 * into their originals), then the original elements the patch did not name, in their order.
 */
function mergeList(target: any[], patch: any[], key: string, ctx: MergeContext): any[] {
  const named = new Set<unknown>();
  const merged: any[] = [];
  for (const item of patch) {
    if (!isObject(item) || item[key] === undefined) throw new KustomizeError(`list ${ctx.path.join(".")}: every patch element needs its merge key '${key}'`);
    named.add(item[key]);
    if (item.$patch === "delete") continue;
    const original = target.find((x) => isObject(x) && x[key] === item[key]);
    merged.push(strategicMerge(original, item, ctx));
  }
  return [...merged, ...target.filter((x) => !(isObject(x) && named.has(x[key])))];
}

// ---- JSON 6902 ---------------------------------------------------------------------------------

export interface JsonPatchOp { op: "add" | "remove" | "replace" | "test" | "move" | "copy"; path: string; value?: unknown; from?: string }

function pointer(path: string): string[] {
  if (path === "") return [];
  if (!path.startsWith("/")) throw new KustomizeError(`JSON pointer '${path}' must start with /`);
  return path.slice(1).split("/").map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
}

function parentOf(doc: any, tokens: string[], path: string): { parent: any; last: string } {
  let node = doc;
  for (const token of tokens.slice(0, -1)) {
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    if (node === undefined) throw new KustomizeError(`JSON patch path ${path} does not exist`);
  }
  return { parent: node, last: tokens.at(-1)! };
}

function getAt(doc: any, path: string): unknown {
  let node = doc;
  for (const token of pointer(path)) {
    node = Array.isArray(node) ? node[Number(token)] : isObject(node) ? node[token] : undefined;
    if (node === undefined) throw new KustomizeError(`JSON patch path ${path} does not exist`);
  }
  return node;
}

function arrayIndex(parent: any[], last: string, path: string, allowEnd: boolean): number {
  if (last === "-" && allowEnd) return parent.length;
  if (!/^(0|[1-9][0-9]*)$/.test(last)) throw new KustomizeError(`JSON patch path ${path}: bad array index`);
  const index = Number(last);
  if (index > parent.length || (!allowEnd && index === parent.length)) throw new KustomizeError(`JSON patch path ${path}: index out of range`);
  return index;
}

function addAt(doc: any, path: string, value: unknown): void {
  const tokens = pointer(path);
  if (tokens.length === 0) throw new KustomizeError("replacing the whole document is not supported");
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, path, true), 0, clone(value));
  else if (isObject(parent)) parent[last] = clone(value);
  else throw new KustomizeError(`JSON patch path ${path}: parent is not a container`);
}

function removeAt(doc: any, path: string): void {
  const tokens = pointer(path);
  const { parent, last } = parentOf(doc, tokens, path);
  if (Array.isArray(parent)) parent.splice(arrayIndex(parent, last, path, false), 1);
  else if (isObject(parent) && last in parent) delete parent[last];
  else throw new KustomizeError(`JSON patch path ${path} does not exist`);
}

export function applyJson6902<T>(doc: T, ops: JsonPatchOp[]): T {
  const out = clone(doc) as any;
  for (const op of ops) {
    switch (op.op) {
      case "add": addAt(out, op.path, op.value); break;
      case "remove": removeAt(out, op.path); break;
      case "replace": removeAt(out, op.path); addAt(out, op.path, op.value); break;
      case "test":
        if (JSON.stringify(getAt(out, op.path)) !== JSON.stringify(op.value)) throw new KustomizeError(`JSON patch test failed at ${op.path}`);
        break;
      case "move": { const v = getAt(out, op.from!); removeAt(out, op.from!); addAt(out, op.path, v); break; }
      case "copy": addAt(out, op.path, getAt(out, op.from!)); break;
      default: throw new KustomizeError(`JSON patch op ${(op as { op: string }).op} is not supported`);
    }
  }
  return out;
}

// ---- images ------------------------------------------------------------------------------------

export function parseImage(image: string): { name: string; tag?: string; digest?: string } {
  const at = image.indexOf("@");
  if (at >= 0) return { name: image.slice(0, at), digest: image.slice(at + 1) };
  const colon = image.lastIndexOf(":");
  if (colon > image.lastIndexOf("/")) return { name: image.slice(0, colon), tag: image.slice(colon + 1) };
  return { name: image };
}

function retag(image: string, entry: ImageEntry): string {
  const parsed = parseImage(image);
  if (parsed.name !== entry.name) return image;
  const name = entry.newName ?? parsed.name;
  if (entry.digest) return `${name}@${entry.digest}`;
  if (entry.newTag) return `${name}:${entry.newTag}`;
  if (parsed.digest) return `${name}@${parsed.digest}`;
  return parsed.tag ? `${name}:${parsed.tag}` : name;
}

function podSpecs(r: Resource): Record<string, any>[] {
  const specs: unknown[] = [];
  if (r.kind === "Pod") specs.push(r.spec);
  specs.push(r.spec?.template?.spec, r.spec?.jobTemplate?.spec?.template?.spec);
  return specs.filter(isObject);
}

function setImages(r: Resource, entry: ImageEntry): void {
  for (const spec of podSpecs(r)) {
    for (const list of ["containers", "initContainers"]) {
      for (const container of spec[list] ?? []) {
        if (typeof container.image === "string") container.image = retag(container.image, entry);
      }
    }
  }
}

// ---- the reference ------------------------------------------------------------------------------

/**
 * `kubectl kustomize dir` (kustomize v5 inside kubectl), keyed by resource id: the reference this
 * renderer is checked against. The node-svc machine image ships kubectl; without it this throws.
 */
export function kubectlKustomize(dir: string): Map<string, Resource> {
  const out = execFileSync("kubectl", ["kustomize", dir], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  const docs = parseAllDocuments(out).map((d) => d.toJS() as Resource | null).filter((r): r is Resource => r !== null);
  return new Map(docs.map((r) => [resourceId(r), r]));
}
