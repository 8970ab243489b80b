// The deployment (issue 7): every Kubernetes overlay rendered and validated against the Kubernetes
// and KEDA schemas, the properties operators rely on (GPU scheduling of the router LLM, scaling on
// JetStream lag, probes, limits, hardened pods, network isolation), the services' own config
// loaders run on the environment each manifest gives them, docker-compose.yml against the Compose
// specification, its observability wiring against the metrics the code registers, the image's
// Dockerfile, and the fake servers and tools the image runs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { busNames, LedgerClient, metrics as registeredMetrics } from "../services/common/src/index.js";
import { loadExecutorConfig } from "../services/executor/src/config.js";
import { loadGatewayConfig } from "../services/gateway/src/config.js";
import { loadLedgerConfig } from "../services/ledger/src/config.js";
import { loadPolicyConfig } from "../services/policy/src/config.js";
import { FAKES, parsePort } from "../deploy/fakes/fakes.js";
import { cheapestRouter, quotedCost } from "../deploy/fakes/router-script.js";
import { createKeyOptions } from "../deploy/tools/create-key.js";
import { activeServices, environmentOf, interpolate, loadCompose, parseEnvFile, type ComposeFile } from "./support/compose.js";
import { validateManifest } from "./support/k8s-schema.js";
import { kubectlKustomize, render, resourceId, type Resource } from "./support/kustomize.js";
import { connectionAllowed, egressAllowed, ingressAllowed, type PodRef } from "./support/netpol.js";
import { startService, type ServiceProcess } from "./support/processes.js";
import type { VllmRequest } from "./support/fake-vllm.js";

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
    const toPolicy = route(overlay, gateway.XROUTER_POLICY_ADDR);
    expect([toPolicy.deployment.metadata.name, toPolicy.containerPort]).toEqual(["xrouter-policy", policy.port]);

    const ledgerEnv = xrouterEnv(overlay, "ledger");
    const ledger = loadLedgerConfig(ledgerEnv.env);
    const toLedger = route(overlay, gateway.XROUTER_LEDGER_ADDR);
    expect([toLedger.deployment.metadata.name, toLedger.containerPort]).toEqual(["xrouter-ledger", ledger.port]);

    const executor = loadExecutorConfig(xrouterEnv(overlay, "executor").env);
    // production never answers with the simulated provider; a laptop cluster without keys does
    expect(executor.providers.simulateMissing).toBe(overlay === "local");
    const fromExecutor = route(overlay, executor.ledgerAddr);
    expect(fromExecutor.deployment.metadata.name).toBe("xrouter-ledger");
    expect(executor.natsUrl).toBe("nats://nats:4222");

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

    it("admits to the ledger only the gateway and the executors", () => {
      expect(connectionAllowed(policies(), pod("gateway"), pod("ledger"), 50062)).toBe(true);
      expect(connectionAllowed(policies(), pod("executor"), pod("ledger"), 50062)).toBe(true);
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

    it("lets the executors reach NATS, the ledger, public provider APIs and DNS, and nothing else", () => {
      const executor = pod("executor");
      expect(egressAllowed(policies(), executor, { pod: natsPod }, 4222)).toBe(true);
      expect(egressAllowed(policies(), executor, { pod: pod("ledger") }, 50062)).toBe(true);
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

const COMPOSE_FILE = join(ROOT, "docker-compose.yml");
const GPU_ENV = parseEnvFile(readFileSync(join(ROOT, "deploy/compose/gpu.env"), "utf8"));
const compose = loadCompose(COMPOSE_FILE);
const composeGpu = loadCompose(COMPOSE_FILE, GPU_ENV);

function composeValidator() {
  const schema = JSON.parse(readFileSync(join(ROOT, "test/fixtures/compose-spec.schema.json"), "utf8"));
  // The schema is draft-07 written with its https URL; its author uses union types and bare
  // additionalProperties, which only ajv's strictTypes objects to.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTypes: false });
  ajv.addMetaSchema(ajv.getSchema("http://json-schema.org/draft-07/schema")!.schema as object, "https://json-schema.org/draft-07/schema");
  return ajv.compile(schema);
}

/** The environment compose gives a service, as the service's config loader reads it. */
const serviceEnv = (c: ComposeFile, name: string) => environmentOf(c.services[name]!);

describe("docker-compose.yml", () => {
  const validate = composeValidator();

  it("validates against the Compose specification's schema, by default and with the GPU profile", () => {
    expect(validate(compose), JSON.stringify(validate.errors)).toBe(true);
    expect(validate(composeGpu), JSON.stringify(validate.errors)).toBe(true);
  });

  it("schema validation rejects a misspelt key and a wrong type", () => {
    const bad = structuredClone(compose);
    bad.services.gateway!.helthcheck = { test: ["CMD", "true"] };
    expect(validate(bad)).toBe(false);
    expect(validate.errors).toContainEqual(expect.objectContaining({ params: { additionalProperty: "helthcheck" } }));
    const badType = structuredClone(compose);
    badType.services.executor!.deploy.replicas = { two: 2 };
    expect(validate(badType)).toBe(false);
  });

  it("interpolates variables as compose does", () => {
    expect(interpolate("${A:-x}-${B-y}-${C}-$$D-$A", { A: "", B: "" })).toBe("x---$D-");
    expect(interpolate("${A:-x}", { A: "set" })).toBe("set");
    expect(() => interpolate("${A:?needed}", {})).toThrow(/needed/);
  });

  it("runs NATS with JetStream and monitoring, PostgreSQL, the four services with two executors, and the observability stack", () => {
    expect(activeServices(compose, []).sort()).toEqual([
      "executor", "fake-anthropic", "fake-openai", "fake-vllm", "gateway", "grafana", "jaeger", "ledger", "nats", "otel-collector",
      "policy", "postgres", "prometheus",
    ]);
    const nats = compose.services.nats!;
    expect(nats.command).toEqual(expect.arrayContaining(["-js", "-m", "8222"]));
    expect(nats.ports).toEqual(expect.arrayContaining(["4222:4222", "8222:8222"]));
    expect(nats.healthcheck.test.join(" ")).toContain("8222/healthz?js-enabled-only=true");
    expect(compose.services.postgres!.image).toMatch(/^postgres:/);
    for (const s of ["gateway", "policy", "executor", "ledger"]) {
      expect(compose.services[s]!.command, s).toEqual([s]);
      expect(compose.services[s]!.build, s).toEqual({ context: ".", target: "runtime" });
      expect(compose.services[s]!, s).toMatchObject({ read_only: true, cap_drop: ["ALL"], security_opt: ["no-new-privileges:true"] });
    }
    expect(compose.services.executor!.deploy.replicas).toBe(2);
    expect(compose.services.gateway!.ports).toEqual(["8800:8800"]);
    expect(compose.services.jaeger!.image).toMatch(/^jaegertracing\//);
    expect(compose.services["otel-collector"]!.image).toMatch(/^otel\/opentelemetry-collector/);
    expect(compose.services.prometheus!.image).toMatch(/^prom\/prometheus:/);
    expect(compose.services.grafana!.image).toMatch(/^grafana\/grafana:/);
  });

  it("gives each service an environment its config loader accepts, pointing at the right neighbours", () => {
    const gateway = loadGatewayConfig(serviceEnv(compose, "gateway"));
    expect(gateway.XROUTER_POLICY_ADDR).toBe("policy:50061");
    expect(gateway.XROUTER_LEDGER_ADDR).toBe("ledger:50062");
    expect(gateway.XROUTER_POLICIES).toEqual(expect.arrayContaining(["xrouter"]));
    expect(loadPolicyConfig(serviceEnv(compose, "policy")).port).toBe(50061);
    expect(loadLedgerConfig(serviceEnv(compose, "ledger")).databaseUrl).toBe("postgres://xrouter:xrouter@postgres:5432/xrouter");
    const executor = loadExecutorConfig(serviceEnv(compose, "executor"));
    expect(executor.natsUrl).toBe("nats://nats:4222");
    const fakeOpenAI = `http://fake-openai:${serviceEnv(compose, "fake-openai").FAKE_PORT}/v1`;
    for (const provider of ["openai", "together", "gemini"] as const) {
      expect(executor.providers.endpoints[provider]!.baseUrl, provider).toBe(fakeOpenAI);
    }
    expect(executor.providers.endpoints.anthropic!.baseUrl).toBe(`http://fake-anthropic:${serviceEnv(compose, "fake-anthropic").FAKE_PORT}`);
    for (const s of ["gateway", "policy", "executor", "ledger"]) {
      expect(serviceEnv(compose, s).OTEL_EXPORTER_OTLP_ENDPOINT, s).toBe("http://otel-collector:4318");
    }
  });

  it("routes with the xrouter policy against the fake router LLM by default, and the real vLLM on a GPU with deploy/compose/gpu.env", () => {
    const byDefault = loadPolicyConfig(serviceEnv(compose, "policy"));
    expect(byDefault.defaultPolicy).toBe("xrouter");
    expect(byDefault.routerLlm!.url).toBe(`http://fake-vllm:${serviceEnv(compose, "fake-vllm").FAKE_PORT}/v1`);

    expect(GPU_ENV.COMPOSE_PROFILES).toBe("gpu");
    expect(activeServices(composeGpu, [GPU_ENV.COMPOSE_PROFILES!])).toContain("vllm");
    const vllm = composeGpu.services.vllm!;
    expect(vllm.profiles).toEqual(["gpu"]);
    const onGpu = loadPolicyConfig(serviceEnv(composeGpu, "policy"));
    expect(onGpu.routerLlm!.url).toBe("http://vllm:8000/v1");
    expect(vllm.entrypoint).toEqual(["vllm", "serve"]);
    const args: string[] = vllm.command;
    const flag = (name: string) => args[args.indexOf(name) + 1];
    expect(args[0]).toBe(GPU_ENV.ROUTER_MODEL);
    expect(args).toContain("--enable-auto-tool-choice");
    expect(flag("--tool-call-parser")).toBe("hermes");
    expect(flag("--max-model-len")).toBe("32768");
    expect(flag("--served-model-name")).toBe(onGpu.routerLlm!.model);
    expect(flag("--port")).toBe("8000");
    const [device] = vllm.deploy.resources.reservations.devices;
    expect(device).toMatchObject({ driver: "nvidia", capabilities: ["gpu"] });
    expect(flag("--tensor-parallel-size")).toBe(String(device.count));
    expect(vllm.shm_size).toBeDefined();
  });

  it("has Prometheus scrape every service on the port it serves /metrics on", () => {
    const prometheus = parse(readFileSync(join(ROOT, "deploy/compose/prometheus.yml"), "utf8"));
    const targets = new Map<string, string[]>();
    for (const job of prometheus.scrape_configs) {
      const list = [...(job.static_configs ?? []).flatMap((s: { targets: string[] }) => s.targets),
        ...(job.dns_sd_configs ?? []).flatMap((d: { names: string[]; port: number }) => d.names.map((n) => `${n}:${d.port}`))];
      targets.set(job.job_name, list);
    }
    expect(targets.get("xrouter-gateway")).toEqual([`gateway:${loadGatewayConfig(serviceEnv(compose, "gateway")).XROUTER_PORT}`]);
    for (const s of ["policy", "ledger", "executor"]) {
      expect(targets.get(`xrouter-${s}`), s).toEqual([`${s}:${serviceEnv(compose, s).XROUTER_METRICS_PORT}`]);
    }
    expect(compose.services.prometheus!.volumes).toContain("./deploy/compose/prometheus.yml:/etc/prometheus/prometheus.yml:ro");
  });

  it("has the collector receive OTLP where the services send it and export traces to Jaeger", () => {
    const collector = parse(readFileSync(join(ROOT, "deploy/compose/otel-collector.yaml"), "utf8"));
    const mount = (compose.services["otel-collector"]!.volumes as string[])[0]!.split(":");
    expect(mount[0]).toBe("./deploy/compose/otel-collector.yaml");
    expect(compose.services["otel-collector"]!.command).toEqual([`--config=${mount[1]}`]);
    const sendsTo = new URL(serviceEnv(compose, "gateway").OTEL_EXPORTER_OTLP_ENDPOINT!);
    expect(collector.receivers.otlp.protocols.http.endpoint).toBe(`0.0.0.0:${sendsTo.port}`);
    const pipeline = collector.service.pipelines.traces;
    expect(pipeline.receivers).toEqual(["otlp"]);
    const exporter = collector.exporters[pipeline.exporters[0]];
    expect(exporter.endpoint).toBe("jaeger:4317");
    expect(compose.services.jaeger!.environment.COLLECTOR_OTLP_ENABLED).toBe("true");
  });

  describe("Grafana", () => {
    const dashboard = JSON.parse(readFileSync(join(ROOT, "deploy/compose/grafana/dashboards/xrouter.json"), "utf8"));
    const panels: any[] = dashboard.panels.filter((p: { type: string }) => p.type !== "row");
    const exprs: string[] = panels.flatMap((p) => p.targets.map((t: { expr: string }) => t.expr));

    it("provisions its data sources and the dashboard from files under deploy/", () => {
      const datasources = parse(readFileSync(join(ROOT, "deploy/compose/grafana/provisioning/datasources/datasources.yaml"), "utf8")).datasources;
      const uids = new Set(datasources.map((d: { uid: string }) => d.uid));
      for (const p of panels) {
        expect(uids.has(p.datasource.uid), p.title).toBe(true);
        for (const t of p.targets) expect(uids.has(t.datasource.uid), p.title).toBe(true);
      }
      expect(datasources.find((d: { type: string }) => d.type === "jaeger").url).toBe("http://jaeger:16686");
      const provider = parse(readFileSync(join(ROOT, "deploy/compose/grafana/provisioning/dashboards/dashboards.yaml"), "utf8")).providers[0];
      const mounts = (compose.services.grafana!.volumes as string[]).map((v) => v.split(":"));
      expect(mounts).toContainEqual(["./deploy/compose/grafana/dashboards", provider.options.path, "ro"]);
      expect(mounts).toContainEqual(["./deploy/compose/grafana/provisioning", "/etc/grafana/provisioning", "ro"]);
      expect(new Set(panels.map((p) => p.id)).size).toBe(panels.length);
    });

    it("queries only metrics the services register, grouped by labels they have", () => {
      const known = new Set<string>();
      const labels = new Set(["le", "instance", "job"]);
      for (const metric of Object.values(registeredMetrics)) {
        const { name, labelNames } = metric as unknown as { name: string; labelNames?: string[] };
        known.add(name);
        for (const suffix of ["_bucket", "_sum", "_count"]) known.add(`${name}${suffix}`);
        for (const label of labelNames ?? []) labels.add(label);
      }
      const FUNCTIONS = new Set(["sum", "rate", "increase", "histogram_quantile", "max"]);
      const grouped = exprs.flatMap((e) => [...e.matchAll(/\bby \(([^)]*)\)/g)].flatMap((m) => m[1]!.split(",").map((l) => l.trim())));
      expect(grouped.length).toBeGreaterThan(5);
      expect(grouped.filter((l) => !labels.has(l))).toEqual([]);
      const used = new Set(exprs.flatMap((e) => e.replace(/\bby \([^)]*\)/g, "").replace(/"[^"]*"/g, "").replace(/\{[^}]*\}/g, "")
        .replace(/\[[^\]]*\]/g, "").match(/[a-z_][a-z0-9_]*/g) ?? []));
      const metricNames = [...used].filter((w) => !FUNCTIONS.has(w));
      expect(metricNames.length).toBeGreaterThan(10);
      expect(metricNames.filter((m) => !known.has(m))).toEqual([]);
      // label matchers name real labels too
      const matchers = exprs.flatMap((e) => [...e.matchAll(/\{([^}]*)\}/g)].flatMap((m) => [...m[1]!.matchAll(/([a-z_]+)\s*(?:=~|!=|=)/g)].map((x) => x[1]!)));
      expect(matchers.filter((l) => !labels.has(l))).toEqual([]);
    });

    it("shows cost per model, the routing mix, savings, latency, errors and the queue", () => {
      const has = (pattern: RegExp) => exprs.some((e) => pattern.test(e));
      expect(has(/sum by \(model\) \(rate\(xrouter_cost_usd_total/)).toBe(true);
      expect(has(/sum by \(model\) \(\w+\(xrouter_model_choices_total/)).toBe(true);
      expect(has(/xrouter_savings_usd_total/)).toBe(true);
      expect(has(/histogram_quantile\(0\.95, sum by \(le\) \(rate\(xrouter_http_request_duration_seconds_bucket/)).toBe(true);
      expect(has(/xrouter_gateway_overhead_seconds_bucket/)).toBe(true);
      expect(has(/xrouter_http_requests_total\{[^}]*status=~"5\.\."/)).toBe(true);
      expect(has(/xrouter_provider_errors_total/)).toBe(true);
      expect(has(/gen_ai_client_token_usage/)).toBe(true);
      expect(has(/xrouter_jetstream_consumer_pending/)).toBe(true);
    });
  });
});

// ---- the image -----------------------------------------------------------------------------------

interface Stage { name: string; from: string; lines: string[] }

function dockerStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text.replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  for (const line of logical) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) stages.push({ from: from[1]!, name: from[2] ?? `#${stages.length}`, lines: [] });
    else stages.at(-1)!.lines.push(line);
  }
  return stages;
}

/** Relative imports of a TypeScript file, resolved from the repository root. */
function relativeImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const dir = file.split("/").slice(0, -1).join("/");
  return [...text.matchAll(/^(?:import|export)[^"']*from\s+["']([^"']+)["']/gm)].map((m) => m[1]!)
    .map((spec) => (spec.startsWith(".") ? join(dir, spec).replace(/\.js$/, ".ts") : spec));
}

describe("Dockerfile", () => {
  const stages = dockerStages(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
  const stage = (name: string) => stages.find((s) => s.name === name)!;
  const chain = (name: string): Stage[] => {
    const s = stage(name);
    return s && stages.some((p) => p.name === s.from) ? [...chain(s.from), s] : [s];
  };
  const dockerignore = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n").map((l) => l.trim());

  it("builds a runtime image of production dependencies that runs as a non-root user by default", () => {
    expect(stages.at(-1)!.name).toBe("runtime");
    const runtime = chain("runtime");
    expect(runtime.map((s) => s.name)).toEqual(["base", "app", "runtime"]);
    expect(stage("base").from).toMatch(/^node:20-/);
    const lines = runtime.flatMap((s) => s.lines);
    const user = lines.filter((l) => l.startsWith("USER ")).at(-1);
    expect(user).toMatch(/^USER [1-9][0-9]*:[1-9][0-9]*$/);
    expect(stage("prod-deps").lines).toContainEqual(expect.stringMatching(/^RUN npm ci --omit=dev\b/));
    expect(lines).toContain("COPY --from=prod-deps /app/node_modules ./node_modules");
    // no stage of the runtime image installs dev dependencies or copies tests
    expect(lines.filter((l) => /npm (ci|install)(?!.*--omit=dev)/.test(l))).toEqual([]);
    expect(lines.filter((l) => /^COPY\s+(\S+\s+)*test\//.test(l))).toEqual([]);
    expect(lines.at(-1) ?? "").not.toMatch(/^USER 0|^USER root/);
  });

  it("copies only sources that exist, and artifacts/ whether or not it does", () => {
    for (const s of stages) {
      for (const line of s.lines.filter((l) => l.startsWith("COPY ") && !l.includes("--from="))) {
        const parts = line.split(/\s+/).slice(1).filter((p) => !p.startsWith("--"));
        for (const source of parts.slice(0, -1)) {
          if (source.includes("[")) continue;
          expect(existsSync(join(ROOT, source)), `${s.name}: ${line}`).toBe(true);
        }
      }
    }
    expect(stage("app").lines).toContain("COPY deploy/docker/artifacts/ artifact[s] ./artifacts/");
    expect(statSync(join(ROOT, "deploy/docker/artifacts")).isDirectory()).toBe(true);
    expect(dockerignore).not.toContain("artifacts");
  });

  it("gives the fakes stage every test helper the fakes import, and only files that need no dev dependency", () => {
    const helpers = relativeImports("deploy/fakes/fakes.ts").filter((p) => p.startsWith("test/support/"));
    expect(helpers.sort()).toEqual(["test/support/fake-anthropic.ts", "test/support/fake-openai.ts", "test/support/fake-vllm.ts"]);
    const copied = stage("fakes").lines.find((l) => l.startsWith("COPY test/support/"))!.split(/\s+/).slice(1, -1);
    expect(copied.sort()).toEqual(helpers);
    for (const helper of [...helpers, "deploy/fakes/fakes.ts", "deploy/fakes/router-script.ts", "deploy/fakes/main.ts"]) {
      for (const spec of relativeImports(helper)) {
        // node built-ins, or files that are in the image; `import type` lines vanish at run time
        const ok = spec.startsWith("node:") || helpers.includes(spec) || spec.startsWith("deploy/fakes/");
        expect(ok, `${helper} imports ${spec}`).toBe(true);
      }
      if (helper.startsWith("test/")) expect(dockerignore, helper).toContain(`!${helper}`);
    }
    expect(dockerignore).toContain("test/**");
  });

  it("ships an entry point that names its commands and rejects others", () => {
    const entrypoint = join(ROOT, "deploy/docker/entrypoint.sh");
    expect(statSync(entrypoint).mode & 0o111).not.toBe(0);
    expect(spawnSync("sh", ["-n", entrypoint]).status).toBe(0);
    const unknown = spawnSync("sh", [entrypoint, "bogus"], { env: { ...process.env, XROUTER_APP_DIR: ROOT }, encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'bogus' \(gateway \| policy \| executor \| ledger \| create-key \| fake\)/);
  });
});

// ---- what the image runs ---------------------------------------------------------------------------

/** Runs `xrouter <args>` through the entry point from the repository root, as the image would from /app. */
function runEntrypoint(args: string[], env: Record<string, string>) {
  const child = spawn("sh", [join(ROOT, "deploy/docker/entrypoint.sh"), ...args], {
    env: { ...process.env, XROUTER_APP_DIR: ROOT, ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => { stdout += c.toString("utf8"); });
  child.stderr.on("data", (c: Buffer) => { stderr += c.toString("utf8"); });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function startFake(name: string): Promise<{ port: number; stop(): Promise<number | null> }> {
  const run = runEntrypoint(["fake", name], { FAKE_PORT: "0", FAKE_HOST: "127.0.0.1" });
  const deadline = Date.now() + 20_000;
  while (!/"fake ready"/.test(run.out())) {
    if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`fake ${name} did not start: ${run.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = (JSON.parse(run.out().split("\n")[0]!) as { port: number }).port;
  return { port, stop: async () => { run.child.kill("SIGTERM"); return run.exited; } };
}

describe("the fakes docker compose runs", () => {
  const post = (port: number, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("serves the OpenAI-compatible fake on the port it is given, and stops on SIGTERM", async () => {
    const fake = await startFake("openai");
    const answer = await post(fake.port, "/v1/chat/completions", { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] });
    expect(answer.status).toBe(200);
    const body = await answer.json() as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toBe("Fake answer from gpt-4o-mini to: Hello");
    expect(await fake.stop()).toBe(0);
  });

  it("serves the Anthropic fake", async () => {
    const fake = await startFake("anthropic");
    const answer = await post(fake.port, "/v1/messages",
      { model: "claude-haiku-4.5", max_tokens: 64, messages: [{ role: "user", content: "Hello" }] },
      { "x-api-key": "k", "anthropic-version": "2023-06-01" });
    expect(answer.status).toBe(200);
    expect((await answer.json() as { type: string }).type).toBe("message");
    expect(await fake.stop()).toBe(0);
  });

  it("serves a router LLM that calls the cheapest model, then selects its answer", async () => {
    const fake = await startFake("vllm");
    const tool = (name: string, cost: string) => ({ type: "function", function: { name, description: `Call it. This request costs about $${cost} with it.`, parameters: {} } });
    const first = await post(fake.port, "/v1/chat/completions", {
      model: "xrouter-7b", messages: [{ role: "user", content: "Hi" }],
      tools: [tool("call_gpt_5", "0.0125"), tool("call_gpt_oss_20b", "0.000023"), tool("call_gpt_4o_mini", "0.00009")],
    });
    const reply = await first.json() as { choices: Array<{ message: { tool_calls: Array<{ function: { name: string } }> } }> };
    expect(reply.choices[0]!.message.tool_calls.map((c) => c.function.name)).toEqual(["call_gpt_oss_20b"]);
    expect(await fake.stop()).toBe(0);
  });

  it("are the fakes compose starts, each on its usual port", () => {
    const fakes = Object.entries(compose.services).filter(([, s]) => s.build?.target === "fakes");
    expect(fakes.map(([, s]) => s.command[1]).sort()).toEqual(Object.keys(FAKES).sort());
    for (const [name, s] of fakes) {
      expect(s.command[0], name).toBe("fake");
      expect(Number(environmentOf(s).FAKE_PORT), name).toBe(FAKES[s.command[1]]!.defaultPort);
    }
    expect(parsePort(undefined, 8080)).toBe(8080);
    expect(parsePort("0", 8080)).toBe(0);
    expect(() => parsePort("http", 8080)).toThrow(/not a port/);
  });

  it("the fake router's choices follow the tools the policy offers", () => {
    const request = (tools: unknown[]): VllmRequest => ({ index: 0, headers: {}, body: { model: "m", messages: [], tools: tools as VllmRequest["body"]["tools"] } });
    const call = (name: string, description?: string) => ({ type: "function", function: { name, description: description ?? "", parameters: {} } });
    expect(quotedCost("This request costs about $0.000120 with it (at most $0.01).")).toBeCloseTo(0.00012);
    expect(quotedCost("no price")).toBe(Number.POSITIVE_INFINITY);
    expect(cheapestRouter(request([call("call_a", "costs about $2"), call("call_b"), call("call_c", "costs about $1")])).toolCalls)
      .toEqual([{ name: "call_c", arguments: { optimized_system_prompt: expect.any(String) } }]);
    const select = { type: "function", function: { name: "select_response", description: "", parameters: { properties: { model_call_name: { enum: ["call_c"] } } } } };
    expect(cheapestRouter(request([call("call_a", "costs about $2"), select])).toolCalls)
      .toEqual([{ name: "select_response", arguments: { model_call_name: "call_c" } }]);
    expect(cheapestRouter(request([])).content).toMatch(/No model/);
  });
});

describe("xrouter create-key", () => {
  let ledger: ServiceProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "xrouter-deploy-ledger-"));
    ledger = await startService("ledger", { XROUTER_LEDGER_PORT: "0", XROUTER_DATA_DIR: dataDir, DATABASE_URL: "" }, { label: "deploy-ledger" });
  });

  afterAll(async () => {
    await ledger?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads its options and finds the ledger from the environment", () => {
    expect(createKeyOptions(["--tenant", "acme"], { XROUTER_LEDGER_PORT: "6000" })).toEqual({ tenant: "acme", name: "acme key", address: "127.0.0.1:6000" });
    expect(createKeyOptions(["--tenant", "acme", "--name", "prod"], { XROUTER_LEDGER_ADDR: "ledger:50062" }).address).toBe("ledger:50062");
    expect(() => createKeyOptions([], {})).toThrow(/--tenant is required/);
    expect(() => createKeyOptions(["--tenant", "a", "--budget", "1"], {})).toThrow();
  });

  it("creates a key through the ledger that then authenticates", async () => {
    const run = runEntrypoint(["create-key", "--tenant", "deploy-test", "--name", "from the deploy test"], { XROUTER_LEDGER_PORT: String(ledger.port) });
    expect(await run.exited, run.err()).toBe(0);
    const key = run.out().trim();
    expect(key.length).toBeGreaterThan(20);
    const client = new LedgerClient(`127.0.0.1:${ledger.port}`);
    try {
      const auth = await client.authenticate(key);
      expect(auth.ok).toBe(true);
    } finally {
      client.close();
    }
  });

  it("fails with a message when --tenant is missing", async () => {
    const run = runEntrypoint(["create-key"], { XROUTER_LEDGER_PORT: String(ledger.port) });
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(/create-key: --tenant is required/);
  });
});
