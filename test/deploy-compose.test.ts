// docker-compose.yml against the Compose specification, its services and observability wiring
// (checked against the metrics the code registers), and the environment it gives each service.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv } from "ajv";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { metrics as registeredMetrics } from "../services/common/src/index.js";
import { loadExecutorConfig } from "../services/executor/src/config.js";
import { loadGatewayConfig } from "../services/gateway/src/config.js";
import { loadLedgerConfig } from "../services/ledger/src/config.js";
import { loadPolicyConfig } from "../services/policy/src/config.js";
import { activeServices, environmentOf, interpolate, loadCompose, parseEnvFile, type ComposeFile } from "./support/compose.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

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
    const policy = loadPolicyConfig(serviceEnv(compose, "policy"));
    expect(policy.port).toBe(50061);
    // the gateway decides the local policies itself, so it must know which one is the default
    expect(gateway.XROUTER_POLICY_INPROCESS).toBe(true);
    expect(gateway.XROUTER_POLICY_DEFAULT).toBe(policy.defaultPolicy);
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
