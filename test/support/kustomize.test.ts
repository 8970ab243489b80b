// The kustomize-subset renderer (kustomize.ts) on small kustomizations written here, each also
// rendered by `kubectl kustomize` where kustomize accepts it, so the two must agree.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import {
  applyJson6902, kubectlKustomize, KustomizeError, mergeKeyFor, parseImage, render, resourceId, strategicMerge, type Resource,
} from "./kustomize.js";

const root = mkdtempSync(join(tmpdir(), "xrouter-kustomize-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let counter = 0;
/** Writes the files of one fixture (path -> content) into a fresh folder and returns it. */
function fixture(files: Record<string, string>): string {
  const dir = join(root, `f${counter++}`);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

function expectSameAsKubectl(dir: string): Resource[] {
  const mine = render(dir);
  const theirs = kubectlKustomize(dir);
  expect(mine.map(resourceId).sort()).toEqual([...theirs.keys()].sort());
  for (const r of mine) {
    const other = theirs.get(resourceId(r));
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(r)), other)) expect(r).toEqual(other);
  }
  return mine;
}

const deployment = (name: string, extra = "") => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: { app: ${name} }
spec:
  replicas: 2
  selector: { matchLabels: { app: ${name} } }
  template:
    metadata: { labels: { app: ${name} } }
    spec:
      containers:
        - name: main
          image: app:1.0
          env:
            - { name: A, value: "1" }
            - { name: B, value: "2" }
          ports:
            - { containerPort: 8080, name: http }
        - name: sidecar
          image: registry.example.com:5000/tools/sidecar@sha256:${"a".repeat(64)}
${extra}`;

const byId = (resources: Resource[], id: string) => resources.find((r) => resourceId(r) === id)!;

describe("kustomize subset renderer", () => {
  it("applies namespace, labels and images, and leaves cluster-scoped kinds without a namespace", () => {
    const dir = fixture({
      "kustomization.yaml": `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
namespace: team
labels:
  - pairs: { owner: me }
resources: [ns.yaml, app.yaml]
images:
  - { name: app, newName: ghcr.io/acme/app, newTag: "2.0" }
  - { name: registry.example.com:5000/tools/sidecar, newTag: v3 }
`,
      "ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team\n",
      "app.yaml": deployment("web"),
    });
    const out = expectSameAsKubectl(dir);
    const web = byId(out, "Deployment/team/web");
    expect(web.metadata.labels).toEqual({ app: "web", owner: "me" });
    expect(web.spec.template.metadata.labels).toEqual({ app: "web" });
    expect(web.spec.template.spec.containers.map((c: { image: string }) => c.image))
      .toEqual(["ghcr.io/acme/app:2.0", "registry.example.com:5000/tools/sidecar:v3"]);
    expect(byId(out, "Namespace/~/team").metadata.namespace).toBeUndefined();
  });

  it("runs a component's transformers over what was accumulated before it, and the overlay's own after", () => {
    const dir = fixture({
      "base/kustomization.yaml": "resources: [app.yaml]\n",
      "base/app.yaml": deployment("web") + "---\n" + deployment("worker"),
      "comp/kustomization.yaml": `apiVersion: kustomize.config.k8s.io/v1alpha1
kind: Component
resources: [extra.yaml]
patches:
  - target: { kind: Deployment, name: web|extra }
    patch: |-
      - op: replace
        path: /spec/replicas
        value: 5
`,
      "comp/extra.yaml": deployment("extra"),
      "overlay/kustomization.yaml": `namespace: prod
resources: [../base]
components: [../comp]
patches:
  - target: { kind: Deployment, labelSelector: "app=extra" }
    patch: |-
      - op: add
        path: /metadata/annotations
        value: { patched: "yes" }
`,
    });
    const out = expectSameAsKubectl(join(dir, "overlay"));
    expect(byId(out, "Deployment/prod/web").spec.replicas).toBe(5);
    expect(byId(out, "Deployment/prod/worker").spec.replicas).toBe(2);
    expect(byId(out, "Deployment/prod/extra").spec.replicas).toBe(5);
    expect(byId(out, "Deployment/prod/extra").metadata.annotations).toEqual({ patched: "yes" });
  });

  it("merges strategic patches by Kubernetes' merge keys and deletes with null and $patch: delete", () => {
    const dir = fixture({
      "kustomization.yaml": `resources: [app.yaml, so.yaml]
patches:
  - patch: |-
      apiVersion: apps/v1
      kind: Deployment
      metadata:
        name: web
      spec:
        replicas: null
        template:
          spec:
            containers:
              - name: main
                env:
                  - { name: B, value: "20" }
                  - { name: C, value: "3" }
                ports:
                  - { containerPort: 9090, name: metrics }
              - name: extra
                image: busybox
            tolerations:
              - { key: gpu, operator: Exists }
  - patch: |-
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata:
        name: gone
      $patch: delete
  - target: { kind: ScaledObject, name: kept }
    patch: |-
      apiVersion: keda.sh/v1alpha1
      kind: ScaledObject
      metadata:
        name: anything
      spec:
        triggers:
          - type: cpu
`,
      "app.yaml": deployment("web"),
      "so.yaml": `apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: gone }
spec: { scaleTargetRef: { name: web } }
---
apiVersion: keda.sh/v1alpha1
kind: ScaledObject
metadata: { name: kept }
spec:
  scaleTargetRef: { name: web }
  triggers:
    - type: nats-jetstream
    - type: memory
`,
    });
    const out = expectSameAsKubectl(dir);
    const web = byId(out, "Deployment/~/web");
    expect(web.spec.replicas).toBeUndefined();
    // Kubernetes' order: the patch's elements in its order, then the originals it did not name
    const [main, extra, sidecar] = web.spec.template.spec.containers;
    expect(main.env).toEqual([{ name: "B", value: "20" }, { name: "C", value: "3" }, { name: "A", value: "1" }]);
    expect(main.ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([9090, 8080]);
    expect(extra).toEqual({ name: "extra", image: "busybox" });
    expect(sidecar.name).toBe("sidecar");
    expect(out.some((r) => r.metadata.name === "gone")).toBe(false);
    // a custom resource has no merge keys: its lists are replaced
    expect(byId(out, "ScaledObject/~/kept").spec.triggers).toEqual([{ type: "cpu" }]);
  });

  it("knows the merge keys of the lists it merges", () => {
    expect(mergeKeyFor("Deployment", ["spec", "template", "spec", "containers"])).toBe("name");
    expect(mergeKeyFor("Deployment", ["spec", "template", "spec", "containers", "ports"])).toBe("containerPort");
    expect(mergeKeyFor("Service", ["spec", "ports"])).toBe("port");
    expect(mergeKeyFor("Deployment", ["spec", "template", "spec", "containers", "volumeMounts"])).toBe("mountPath");
    expect(mergeKeyFor("Deployment", ["spec", "template", "spec", "tolerations"])).toBeUndefined();
    expect(mergeKeyFor("Deployment", ["spec", "template", "spec", "containers", "args"])).toBeUndefined();
    expect(strategicMerge({ a: { b: 1, c: 2 } }, { a: { c: null, d: 3 } })).toEqual({ a: { b: 1, d: 3 } });
    expect(strategicMerge({ a: { b: 1 } }, { a: { $patch: "replace", z: 1 } })).toEqual({ a: { z: 1 } });
  });

  it("applies JSON 6902 operations and fails on paths that do not exist", () => {
    const doc = { spec: { list: [1, 2], map: { a: 1 } } };
    expect(applyJson6902(doc, [
      { op: "add", path: "/spec/list/-", value: 3 },
      { op: "add", path: "/spec/list/0", value: 0 },
      { op: "replace", path: "/spec/map/a", value: 2 },
      { op: "add", path: "/spec/map/b~1c", value: "slash" },
      { op: "test", path: "/spec/list/3", value: 3 },
      { op: "copy", from: "/spec/map/a", path: "/spec/copied" },
      { op: "remove", path: "/spec/list/1" },
    ])).toEqual({ spec: { list: [0, 2, 3], map: { a: 2, "b/c": "slash" }, copied: 2 } });
    expect(doc.spec.list).toEqual([1, 2]);
    expect(() => applyJson6902(doc, [{ op: "remove", path: "/spec/missing" }])).toThrow(KustomizeError);
    expect(() => applyJson6902(doc, [{ op: "replace", path: "/spec/nothing/here", value: 1 }])).toThrow(KustomizeError);
    expect(() => applyJson6902(doc, [{ op: "test", path: "/spec/map/a", value: 9 }])).toThrow(/test failed/);
  });

  it("parses image references with registries, ports, tags and digests", () => {
    expect(parseImage("nats:2.11-alpine")).toEqual({ name: "nats", tag: "2.11-alpine" });
    expect(parseImage("localhost:5000/app")).toEqual({ name: "localhost:5000/app" });
    expect(parseImage("localhost:5000/app:1")).toEqual({ name: "localhost:5000/app", tag: "1" });
    expect(parseImage("app@sha256:abc")).toEqual({ name: "app", digest: "sha256:abc" });
  });

  it("refuses what it does not implement and what kustomize refuses", () => {
    const unsupported = fixture({ "kustomization.yaml": "resources: []\nconfigMapGenerator:\n  - name: x\n    literals: [a=b]\n" });
    expect(() => render(unsupported)).toThrow(/configMapGenerator.*not supported/);
    const selectors = fixture({ "kustomization.yaml": "labels:\n  - pairs: { a: b }\n    includeSelectors: true\n" });
    expect(() => render(selectors)).toThrow(/includeSelectors/);
    const outside = fixture({ "x/kustomization.yaml": "resources: [../app.yaml]\n", "app.yaml": deployment("web") });
    expect(() => render(join(outside, "x"))).toThrow(/outside the kustomization root/);
    const duplicate = fixture({ "kustomization.yaml": "resources: [a.yaml, b.yaml]\n", "a.yaml": deployment("web"), "b.yaml": deployment("web") });
    expect(() => render(duplicate)).toThrow(/duplicate resource Deployment\/~\/web/);
    const unmatched = fixture({
      "kustomization.yaml": "resources: [a.yaml]\npatches:\n  - patch: |-\n      apiVersion: apps/v1\n      kind: Deployment\n      metadata: { name: nope }\n      spec: { replicas: 1 }\n",
      "a.yaml": deployment("web"),
    });
    expect(() => render(unmatched)).toThrow(/no resource matches/);
    const notComponent = fixture({ "kustomization.yaml": "components: [c]\n", "c/kustomization.yaml": "resources: []\n" });
    expect(() => render(notComponent)).toThrow(/not kind Component/);
    // kustomize agrees on every refusal above that it can express
    for (const dir of [join(outside, "x"), duplicate, unmatched, notComponent]) {
      expect(() => kubectlKustomize(dir)).toThrow();
    }
  });
});
