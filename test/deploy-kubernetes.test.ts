// The Kubernetes deployment: every overlay rendered and validated against the Kubernetes and KEDA
// schemas, and the properties operators rely on (GPU scheduling of the router LLM, scaling on
// JetStream lag, probes, limits, hardened pods, network isolation, the services' own config loaders
// run on the environment each manifest gives them).
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { busNames } from "../services/common/src/index.js";
import { loadExecutorConfig } from "../services/executor/src/config.js";
import { loadGatewayConfig } from "../services/gateway/src/config.js";
import { loadLedgerConfig } from "../services/ledger/src/config.js";
import { loadPolicyConfig } from "../services/policy/src/config.js";
import { validateManifest } from "./support/k8s-schema.js";
import { kubectlKustomize, render, resourceId, type Resource } from "./support/kustomize.js";
import { connectionAllowed, egressAllowed, ingressAllowed, type PodRef } from "./support/netpol.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const K8S = join(ROOT, "deploy/kubernetes");
const OVERLAYS = readdirSync(join(K8S, "overlays")).sort();
const NAMESPACE = "xrouter";
const rendered = new Map(OVERLAYS.map((o) => [o, render(join(K8S, "overlays", o))]));

const all = (overlay: string): Resource[] => rendered.get(overlay)!;
const ofKind = (overlay: string, kind: string) => all(overlay).filter((r) => r.kind === kind);
function get(overlay: string, kind: string, name: string): Resource {
  const found = all(overlay).find((r) => r.kind === kind && r.metadata.name === name);
  if (!found) throw new Error(`${overlay}: no ${kind} ${name}`);
  return found;
}
const workloads = (overlay: string) => all(overlay).filter((r) => r.kind === "Deployment" || r.kind === "StatefulSet");
const podLabels = (w: Resource): Record<string, string> => w.spec.template.metadata.labels;
const podOf = (overlay: string, deployment: string): PodRef => ({ namespace: NAMESPACE, labels: podLabels(get(overlay, "Deployment", deployment)) });
const matches = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

/** Kubernetes quantities to numbers (cores, bytes) so requests and limits compare. */
function quantity(q: string | number): number {
  if (typeof q === "number") return q;
  const m = /^([0-9.]+)(m|Ki|Mi|Gi|Ti|k|M|G|T)?$/.exec(q);
  if (!m) throw new Error(`not a quantity: ${q}`);
  const scale: Record<string, number> = { m: 1e-3, Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };
  return Number(m[1]) * (m[2] ? scale[m[2]]! : 1);
}

interface ResolvedEnv { env: Record<string, string>; missingSecrets: string[] }

/** A container's environment as the kubelet builds it from the rendered ConfigMaps and Secrets. */
function containerEnv(overlay: string, container: Record<string, any>): ResolvedEnv {
  const env: Record<string, string> = {};
  const missingSecrets: string[] = [];
  const data = (kind: string, name: string): Record<string, string> | undefined => {
    const r = all(overlay).find((x) => x.kind === kind && x.metadata.name === name);
    if (!r) return undefined;
    if (kind === "Secret") {
      const decoded = Object.fromEntries(Object.entries(r.data ?? {}).map(([k, v]) => [k, Buffer.from(String(v), "base64").toString("utf8")]));
      return { ...decoded, ...(r.stringData ?? {}) };
    }
    return r.data ?? {};
  };
  for (const from of container.envFrom ?? []) {
    const ref = from.configMapRef ?? from.secretRef;
    const values = data(from.configMapRef ? "ConfigMap" : "Secret", ref.name);
    if (!values && !ref.optional) missingSecrets.push(ref.name);
    Object.assign(env, values ?? {});
  }
  for (const e of container.env ?? []) {
    if (e.value !== undefined) env[e.name] = String(e.value);
    else if (e.valueFrom?.secretKeyRef || e.valueFrom?.configMapKeyRef) {
      const ref = e.valueFrom.secretKeyRef ?? e.valueFrom.configMapKeyRef;
      const value = data(e.valueFrom.secretKeyRef ? "Secret" : "ConfigMap", ref.name)?.[ref.key];
      if (value !== undefined) env[e.name] = value;
      else if (!ref.optional) missingSecrets.push(`${ref.name}/${ref.key}`);
    } else if (e.valueFrom?.fieldRef) env[e.name] = `<${e.valueFrom.fieldRef.fieldPath}>`;
  }
  return { env, missingSecrets };
}

/** $(VAR) references in command and args, expanded as the kubelet does. */
const expand = (args: string[], env: Record<string, string>) => args.map((a) => a.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, v: string) => env[v] ?? m));

/** Follows host:port through a Service to the container port of the Deployment behind it. */
function route(overlay: string, address: string): { deployment: Resource; containerPort: number } {
  const [host, portText] = address.replace(/^[a-z]+:\/\//, "").split(/[:/]/);
  const service = get(overlay, "Service", host!.split(".")[0]!);
  const servicePort = (service.spec.ports as any[]).find((p) => p.port === Number(portText));
  if (!servicePort) throw new Error(`Service ${host} has no port ${portText}`);
  const deployment = ofKind(overlay, "Deployment").find((d) => matches(service.spec.selector, podLabels(d)));
  if (!deployment) throw new Error(`Service ${host} selects no Deployment`);
  const ports = (deployment.spec.template.spec.containers as any[]).flatMap((c) => c.ports ?? []);
  const target = ports.find((p) => p.name === servicePort.targetPort || p.containerPort === servicePort.targetPort);
  if (!target) throw new Error(`Service ${host} targets ${servicePort.targetPort}, which ${deployment.metadata.name} does not declare`);
  return { deployment, containerPort: target.containerPort };
}

function xrouterEnv(overlay: string, service: string): ResolvedEnv {
  const deployment = get(overlay, "Deployment", `xrouter-${service}`);
  return containerEnv(overlay, deployment.spec.template.spec.containers[0]);
}

const portNamed = (w: Resource, name: string): number =>
  (w.spec.template.spec.containers as any[]).flatMap((c) => c.ports ?? []).find((p) => p.name === name)?.containerPort;

describe("Kubernetes manifests", () => {
  it("has the overlays the documentation describes, and every component is used by one", () => {
    expect(OVERLAYS).toEqual(["local", "production", "production-without-keda"]);
    const used = new Set(OVERLAYS.flatMap((o) => {
      const k = parse(readFileSync(join(K8S, "overlays", o, "kustomization.yaml"), "utf8"));
      return (k.components ?? []).map((c: string) => c.split("/").at(-1));
    }));
    expect(readdirSync(join(K8S, "components")).sort()).toEqual([...used].sort());
  });

  it.each(OVERLAYS)("%s: renders exactly as kubectl kustomize renders it", (overlay) => {
    const reference = kubectlKustomize(join(K8S, "overlays", overlay));
    expect(all(overlay).map(resourceId).sort()).toEqual([...reference.keys()].sort());
    for (const r of all(overlay)) {
      const other = reference.get(resourceId(r));
      if (!isDeepStrictEqual(JSON.parse(JSON.stringify(r)), other)) expect(r).toEqual(other);
    }
  });

  it.each(OVERLAYS)("%s: every object validates against the Kubernetes and KEDA schemas, with no unknown field", (overlay) => {
    expect(all(overlay).flatMap(validateManifest)).toEqual([]);
    expect(all(overlay).every((r) => r.kind === "Namespace" || r.metadata.namespace === NAMESPACE)).toBe(true);
  });

  it("schema validation rejects wrong types, unknown fields and unknown kinds", () => {
    const gateway = structuredClone(get("production", "Deployment", "xrouter-gateway"));
    gateway.spec.template.spec.enableServiceLink = false;
    gateway.spec.template.spec.containers[0].readinessProbe.periodSeconds = "5s";
    expect(validateManifest(gateway).join("\n")).toMatch(/periodSeconds must be integer/);
    delete gateway.spec.template.spec.containers[0].readinessProbe.periodSeconds;
    expect(validateManifest(gateway)).toEqual([expect.stringMatching(/unknown field \/spec\/template\/spec\/enableServiceLink$/)]);
    const scaled = structuredClone(get("production", "ScaledObject", "xrouter-executor"));
    scaled.spec.fallback.replica = 4;
    expect(validateManifest(scaled)).toEqual([expect.stringMatching(/unknown field \/spec\/fallback\/replica$/)]);
    expect(validateManifest({ apiVersion: "example.com/v1", kind: "Widget", metadata: { name: "w" } })).toEqual([expect.stringMatching(/no schema known/)]);
  });

  it.each(OVERLAYS)("%s: every workload has probes, requests and limits, and a hardened pod", (overlay) => {
    expect(workloads(overlay).length).toBeGreaterThanOrEqual(4);
    for (const w of workloads(overlay)) {
      const where = `${overlay} ${w.kind} ${w.metadata.name}`;
      const pod = w.spec.template.spec;
      expect(pod.securityContext, where).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } });
      expect(pod.securityContext.runAsUser, where).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken, where).toBe(false);
      // service links would inject <SERVICE>_PORT=tcp://... variables, which the services read as ports
      expect(pod.enableServiceLinks, where).toBe(false);
      expect(pod.hostNetwork ?? false, where).toBe(false);
      expect(pod.hostPID ?? false, where).toBe(false);
      expect((pod.volumes ?? []).filter((v: Record<string, unknown>) => v.hostPath), where).toEqual([]);
      for (const c of pod.containers) {
        const at = `${where} container ${c.name}`;
        expect(c.readinessProbe, at).toBeDefined();
        expect(c.livenessProbe, at).toBeDefined();
        for (const resource of ["cpu", "memory"]) {
          expect(quantity(c.resources.requests[resource]), at).toBeGreaterThan(0);
          expect(quantity(c.resources.limits[resource]), at).toBeGreaterThanOrEqual(quantity(c.resources.requests[resource]));
        }
        expect(c.securityContext, at).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true });
        expect(c.securityContext.privileged ?? false, at).toBe(false);
        expect(c.securityContext.capabilities, at).toEqual({ drop: ["ALL"] });
        expect(c.image, at).toMatch(/:[\w.-]+$|@sha256:/);
      }
    }
  });

  it.each(OVERLAYS)("%s: every Deployment has its ServiceAccount, a Service and a PodDisruptionBudget selecting its pods", (overlay) => {
    for (const d of ofKind(overlay, "Deployment")) {
      const labels = podLabels(d);
      expect(matches(d.spec.selector.matchLabels, labels)).toBe(true);
      expect(labels["app.kubernetes.io/part-of"]).toBe("xrouter");
      expect(get(overlay, "ServiceAccount", d.spec.template.spec.serviceAccountName).automountServiceAccountToken).toBe(false);
      const services = ofKind(overlay, "Service").filter((s) => matches(s.spec.selector, labels));
      expect(services.length, d.metadata.name).toBe(1);
      const declared = (d.spec.template.spec.containers as any[]).flatMap((c) => (c.ports ?? []).map((p: { name: string }) => p.name));
      for (const port of services[0]!.spec.ports) expect(declared, `${d.metadata.name} ${port.name}`).toContain(port.targetPort);
      const budgets = ofKind(overlay, "PodDisruptionBudget").filter((p) => matches(p.spec.selector.matchLabels, labels));
      expect(budgets.length, d.metadata.name).toBe(1);
      // a budget of minAvailable = replicas would block every node drain
      expect(budgets[0]!.spec.maxUnavailable, d.metadata.name).toBe(1);
    }
  });

  it.each(OVERLAYS)("%s: each service's config loader accepts the environment its manifest gives it, and the addresses lead to the right ports", (overlay) => {
    const gatewayEnv = xrouterEnv(overlay, "gateway");
    const gateway = loadGatewayConfig(gatewayEnv.env);
    expect(gateway.XROUTER_BIND_HOST).toBe("0.0.0.0");
    expect(gateway.XROUTER_PORT).toBe(portNamed(get(overlay, "Deployment", "xrouter-gateway"), "http"));

    const policy = loadPolicyConfig(xrouterEnv(overlay, "policy").env);
    expect(policy.host).toBe("0.0.0.0");
    // the gateway decides the local policies itself (XROUTER_POLICY_INPROCESS): the same default, fixed model and artifact
    expect([gateway.XROUTER_POLICY_DEFAULT, gateway.XROUTER_POLICY_FIXED_MODEL, gateway.XROUTER_LEARNED_ARTIFACT])
      .toEqual([policy.defaultPolicy, policy.fixedModel, policy.learnedArtifact]);
    const toPolicy = route(overlay, gateway.XROUTER_POLICY_ADDR);
    expect([toPolicy.deployment.metadata.name, toPolicy.containerPort]).toEqual(["xrouter-policy", policy.port]);

    const ledgerEnv = xrouterEnv(overlay, "ledger");
    const ledger = loadLedgerConfig(ledgerEnv.env);
    const toLedger = route(overlay, gateway.XROUTER_LEDGER_ADDR);
    expect([toLedger.deployment.metadata.name, toLedger.containerPort]).toEqual(["xrouter-ledger", ledger.port]);

    const executor = loadExecutorConfig(xrouterEnv(overlay, "executor").env);
    // production never answers with the simulated provider; a laptop cluster without keys does
    expect(executor.providers.simulateMissing).toBe(overlay === "local");
    expect(executor.natsUrl).toBe("nats://nats:4222");
    // the ledger consumes the records stream on the executors' NATS, under the same prefix
    expect(ledger.records).toMatchObject({ url: executor.natsUrl, prefix: executor.natsPrefix });

    for (const service of ["policy", "ledger", "executor"]) {
      const d = get(overlay, "Deployment", `xrouter-${service}`);
      expect(Number(xrouterEnv(overlay, service).env.XROUTER_METRICS_PORT), service).toBe(portNamed(d, "metrics"));
    }
    // the ledger never falls back to an embedded database inside a pod
    if (overlay === "local") {
      expect(ledgerEnv.missingSecrets).toEqual([]);
      expect(ledger.databaseUrl).toMatch(/^postgres:\/\//);
      const db = new URL(ledger.databaseUrl!);
      expect(get(overlay, "Service", db.hostname).spec.ports.map((p: { port: number }) => p.port)).toContain(Number(db.port));
      expect(get(overlay, "Service", "nats").spec.ports.map((p: { port: number }) => p.port)).toContain(4222);
    } else {
      // production takes xrouter-secrets from the secret store: DATABASE_URL is the one key it must hold
      expect(ledgerEnv.missingSecrets).toEqual(["xrouter-secrets/DATABASE_URL"]);
    }
  });

  describe("GPU: the router LLM (production)", () => {
    const vllm = () => get("production", "Deployment", "xrouter-router-llm");

    it("is scheduled on GPU nodes with GPU limits, a toleration, /dev/shm and a long startup probe", () => {
      const pod = vllm().spec.template.spec;
      const [container] = pod.containers;
      const gpus = Number(container.resources.limits["nvidia.com/gpu"]);
      expect(gpus).toBeGreaterThanOrEqual(1);
      expect(Number(container.resources.requests["nvidia.com/gpu"])).toBe(gpus);
      expect(pod.tolerations).toContainEqual({ key: "nvidia.com/gpu", operator: "Exists", effect: "NoSchedule" });
      expect(pod.nodeSelector).toEqual({ "nvidia.com/gpu.present": "true" });
      expect(pod.enableServiceLinks).toBe(false);
      const shm = container.volumeMounts.find((m: { mountPath: string }) => m.mountPath === "/dev/shm");
      expect(pod.volumes.find((v: { name: string }) => v.name === shm.name).emptyDir.medium).toBe("Memory");
      const startup = container.startupProbe;
      expect(startup.httpGet.path).toBe("/health");
      expect(startup.periodSeconds * startup.failureThreshold).toBeGreaterThanOrEqual(15 * 60);
      // a GPU pod cannot surge beside its predecessor
      expect(vllm().spec.strategy.type).toBe("Recreate");
    });

    it("serves the router checkpoint as xRouter does, with tensor parallelism over every GPU it holds", () => {
      const [container] = vllm().spec.template.spec.containers;
      const { env } = containerEnv("production", container);
      expect(container.command).toEqual(["vllm", "serve"]);
      const args = expand(container.args, env);
      const flag = (name: string) => args[args.indexOf(name) + 1];
      expect(args[0]).toBe("Salesforce/xRouter-7b");
      expect(args).toContain("--enable-auto-tool-choice");
      expect(flag("--tool-call-parser")).toBe("hermes");
      expect(flag("--max-model-len")).toBe("32768");
      expect(flag("--served-model-name")).toBe("xrouter-7b");
      expect(Number(flag("--tensor-parallel-size"))).toBe(Number(container.resources.limits["nvidia.com/gpu"]));
      expect(args.join(" ")).not.toMatch(/\$\(/);
    });

    it("points the policy service at it through its Service, with xrouter as the default policy", () => {
      const policyEnv = xrouterEnv("production", "policy").env;
      const policy = loadPolicyConfig(policyEnv);
      expect(policy.defaultPolicy).toBe("xrouter");
      expect(policy.routerLlm).toBeDefined();
      const target = route("production", policy.routerLlm!.url);
      expect(target.deployment.metadata.name).toBe("xrouter-router-llm");
      expect(target.containerPort).toBe(8000);
      const args = expand(vllm().spec.template.spec.containers[0].args, containerEnv("production", vllm().spec.template.spec.containers[0]).env);
      expect(policy.routerLlm!.model).toBe(args[args.indexOf("--served-model-name") + 1]);
      expect(loadGatewayConfig(xrouterEnv("production", "gateway").env).XROUTER_POLICIES).toEqual(expect.arrayContaining(["xrouter", "xrouter-simple"]));
    });

    it("is absent from the local overlay, which runs without a GPU", () => {
      const gpuAsked = workloads("local").flatMap((w) => w.spec.template.spec.containers)
        .filter((c: Record<string, any>) => c.resources?.limits?.["nvidia.com/gpu"] || c.resources?.requests?.["nvidia.com/gpu"]);
      expect(gpuAsked).toEqual([]);
      expect(loadPolicyConfig(xrouterEnv("local", "policy").env).defaultPolicy).toBe("cheapest");
    });
  });

  describe("autoscaling", () => {
    it("scales the executors on their JetStream consumer's lag with KEDA, with a fallback and no competing HPA", () => {
      const scaled = get("production", "ScaledObject", "xrouter-executor");
      expect(scaled.spec.scaleTargetRef).toMatchObject({ kind: "Deployment", name: "xrouter-executor" });
      const names = busNames(loadExecutorConfig(xrouterEnv("production", "executor").env).natsPrefix);
      expect(scaled.spec.triggers).toHaveLength(1);
      const [trigger] = scaled.spec.triggers;
      expect(trigger.type).toBe("nats-jetstream");
      expect(trigger.metadata).toMatchObject({ stream: names.stream, consumer: names.consumer, account: "$G" });
      expect(names).toMatchObject({ stream: "XROUTER_CALLS", consumer: "xrouter-executors" });
      expect(Number(trigger.metadata.lagThreshold)).toBeGreaterThan(0);
      // the monitoring endpoint is NATS's headless Service in this namespace, on the monitoring port
      expect(trigger.metadata.natsServerMonitoringEndpoint).toBe(`nats-headless.${NAMESPACE}.svc.cluster.local:8222`);
      const localHeadless = get("local", "Service", "nats-headless");
      expect(localHeadless.spec.clusterIP).toBe("None");
      expect(localHeadless.spec.ports.map((p: { port: number }) => p.port)).toContain(8222);
      const { fallback, minReplicaCount, maxReplicaCount } = scaled.spec;
      expect(fallback.failureThreshold).toBeGreaterThan(0);
      expect(fallback.replicas).toBeGreaterThanOrEqual(minReplicaCount);
      expect(fallback.replicas).toBeLessThanOrEqual(maxReplicaCount);
      // KEDA owns the executors' HPA; its name must not collide with one of ours
      const kedaHpa = scaled.spec.advanced.horizontalPodAutoscalerConfig.name;
      expect(ofKind("production", "HorizontalPodAutoscaler").map((h) => h.metadata.name)).not.toContain(kedaHpa);
    });

    it("scales the gateway on CPU", () => {
      const hpa = get("production", "HorizontalPodAutoscaler", "xrouter-gateway");
      expect(hpa.spec.scaleTargetRef).toEqual({ apiVersion: "apps/v1", kind: "Deployment", name: "xrouter-gateway" });
      expect(hpa.spec.metrics).toEqual([{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }]);
      expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    });

    it.each(OVERLAYS)("%s: no Deployment has two autoscalers, and autoscaled ones carry no replica count", (overlay) => {
      const targets = [...ofKind(overlay, "HorizontalPodAutoscaler"), ...ofKind(overlay, "ScaledObject")].map((s) => s.spec.scaleTargetRef.name);
      expect(new Set(targets).size).toBe(targets.length);
      for (const name of targets) expect(get(overlay, "Deployment", name).spec.replicas, name).toBeUndefined();
    });

    it("without KEDA, the executors get a CPU HPA instead of the ScaledObject", () => {
      expect(ofKind("production-without-keda", "ScaledObject")).toEqual([]);
      const hpa = get("production-without-keda", "HorizontalPodAutoscaler", "xrouter-executor");
      expect(hpa.spec.scaleTargetRef.name).toBe("xrouter-executor");
      expect(hpa.spec.metrics[0].resource.name).toBe("cpu");
    });
  });

  describe("observability (production)", () => {
    it("sends traces to a collector over OTLP and marks every /metrics endpoint for scraping", () => {
      const env = xrouterEnv("production", "gateway").env;
      expect(new URL(env.OTEL_EXPORTER_OTLP_ENDPOINT!).port).toBe("4318");
      expect(env.OTEL_EXPORTER_OTLP_PROTOCOL).toBe("http/protobuf");
      expect(env.OTEL_TRACES_SAMPLER).toBe("parentbased_traceidratio");
      const expected: Record<string, string> = {
        "xrouter-gateway": "http", "xrouter-policy": "metrics", "xrouter-ledger": "metrics", "xrouter-executor": "metrics", "xrouter-router-llm": "http",
      };
      for (const d of ofKind("production", "Deployment")) {
        const annotations = d.spec.template.metadata.annotations ?? {};
        expect(annotations["prometheus.io/scrape"], d.metadata.name).toBe("true");
        expect(annotations["prometheus.io/path"], d.metadata.name).toBe("/metrics");
        expect(Number(annotations["prometheus.io/port"]), d.metadata.name).toBe(portNamed(d, expected[d.metadata.name]!));
      }
      expect(ofKind("local", "Deployment").every((d) => !d.spec.template.metadata.annotations)).toBe(true);
    });
  });

  describe("network policies (production)", () => {
    const policies = () => ofKind("production", "NetworkPolicy");
    const pod = (name: string) => podOf("production", `xrouter-${name}`);
    const natsPod: PodRef = { namespace: NAMESPACE, labels: { "app.kubernetes.io/name": "nats" } };
    const kubeDns: PodRef = { namespace: "kube-system", labels: { "k8s-app": "kube-dns" } };
    const stranger: PodRef = { namespace: "other", labels: { app: "curious" } };
    const prometheus: PodRef = { namespace: "monitoring", labels: { "app.kubernetes.io/name": "prometheus" } };

    it("leaves the gateway open to every client, inside the cluster or out", () => {
      expect(ingressAllowed(policies(), pod("gateway"), { ip: "203.0.113.7" }, 8800)).toBe(true);
      expect(ingressAllowed(policies(), pod("gateway"), { pod: stranger }, 8800)).toBe(true);
      expect(ingressAllowed(policies(), pod("gateway"), { ip: "203.0.113.7" }, 22)).toBe(false);
    });

    it("admits to the ledger only the gateway, and lets the ledger reach NATS (the records stream)", () => {
      expect(connectionAllowed(policies(), pod("gateway"), pod("ledger"), 50062)).toBe(true);
      // executors record their calls over the records stream, not over gRPC
      expect(connectionAllowed(policies(), pod("executor"), pod("ledger"), 50062)).toBe(false);
      expect(egressAllowed(policies(), pod("ledger"), { pod: natsPod }, 4222)).toBe(true);
      for (const from of ["policy", "router-llm"]) expect(ingressAllowed(policies(), pod("ledger"), { pod: pod(from) }, 50062), from).toBe(false);
      expect(ingressAllowed(policies(), pod("ledger"), { pod: natsPod }, 50062)).toBe(false);
      expect(ingressAllowed(policies(), pod("ledger"), { pod: stranger }, 50062)).toBe(false);
      expect(ingressAllowed(policies(), pod("ledger"), { ip: "203.0.113.7" }, 50062)).toBe(false);
    });

    it("admits to the policy service only the gateway, and to the router LLM only the policy service", () => {
      expect(connectionAllowed(policies(), pod("gateway"), pod("policy"), 50061)).toBe(true);
      for (const from of ["executor", "ledger", "router-llm"]) expect(ingressAllowed(policies(), pod("policy"), { pod: pod(from) }, 50061), from).toBe(false);
      expect(ingressAllowed(policies(), pod("policy"), { pod: stranger }, 50061)).toBe(false);
      expect(connectionAllowed(policies(), pod("policy"), pod("router-llm"), 8000)).toBe(true);
      expect(ingressAllowed(policies(), pod("router-llm"), { pod: pod("gateway") }, 8000)).toBe(false);
    });

    it("lets the executors reach NATS, public provider APIs and DNS, and nothing else", () => {
      const executor = pod("executor");
      expect(egressAllowed(policies(), executor, { pod: natsPod }, 4222)).toBe(true);
      expect(egressAllowed(policies(), executor, { pod: pod("ledger") }, 50062)).toBe(false);
      expect(egressAllowed(policies(), executor, { ip: "104.18.6.192" }, 443)).toBe(true);
      expect(egressAllowed(policies(), executor, { pod: kubeDns }, 53, "UDP")).toBe(true);
      expect(egressAllowed(policies(), executor, { ip: "10.12.0.4" }, 443)).toBe(false);
      expect(egressAllowed(policies(), executor, { ip: "169.254.169.254" }, 443)).toBe(false);
      expect(egressAllowed(policies(), executor, { ip: "104.18.6.192" }, 80)).toBe(false);
      expect(egressAllowed(policies(), executor, { pod: pod("policy") }, 50061)).toBe(false);
      expect(ingressAllowed(policies(), executor, { pod: pod("gateway") }, 9463)).toBe(false);
    });

    it("lets Prometheus in the monitoring namespace scrape the metrics ports and leaves other software's pods alone", () => {
      for (const [name, port] of [["policy", 9461], ["ledger", 9462], ["executor", 9463]] as const) {
        expect(ingressAllowed(policies(), pod(name), { pod: prometheus }, port), name).toBe(true);
        expect(ingressAllowed(policies(), pod(name), { pod: stranger }, port), name).toBe(false);
      }
      expect(ingressAllowed(policies(), natsPod, { pod: stranger }, 4222)).toBe(true);
      expect(ofKind("local", "NetworkPolicy")).toEqual([]);
    });
  });
});

// ---- docker compose ------------------------------------------------------------------------------
