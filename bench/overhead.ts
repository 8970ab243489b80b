// npm run bench:overhead -- [--seconds 10] [--rounds 2] [--quick] [--targets direct,proxy,queued,portkey,xrouter]
//   [--rates 50,200] [--connections 32] [--no-stream] [--no-pin] [--executors 2] [--budget-usd N] [--tsx]
//   [--root DIR] [--portkey DIR] [--json FILE] [--log-level info] [--stream-only] [--no-floor]
//   [--compare-root DIR] [--compare-node-args="--flag ..."] [--compare-node-args-for=policy,ledger] [--compare-env K=V,K=V]
//   [--compare-niceness=ledger=0,policy=0] [--compare-nats HOST:PORT]
//
// What xrouter adds to a provider call, next to a bare undici passthrough proxy, a bare queued
// proxy (lib/queued-proxy.ts: xrouter's hops, HTTP -> JetStream -> worker -> core NATS -> HTTP, with
// no logic; what xrouter adds over it is its own work), and Portkey's
// open-source gateway (when installed: --portkey DIR, PORTKEY_GATEWAY_DIR, or node_modules), all
// on loopback against one fast mock OpenAI upstream, driven with the same requests in alternating
// rounds: fixed rates (open loop) for latency and time to first token, fixed concurrency
// (autocannon) for throughput. Prints one table: every target's figures, xrouter's as ratios,
// CPU per request of every process (from /proc/<pid>/stat) and peak RSS (VmHWM).
//
// Pinning (taskset, when the machine has 2+ cores): every target process (the proxy, Portkey,
// each xrouter service) on CPU 0; this driver (the load generator) and the mock on CPU 1. NATS
// and PostgreSQL are shared system services and are not pinned; their CPU is shown apart.
//
// A/B in one run: any --compare-* option adds a second xrouter ("xrouter-b": another checkout,
// other node flags for every service, other environment, or another NATS server, which a second
// bare queued proxy, "queued-b", then uses too) driven in the same alternating rounds, the only
// comparison this machine's ±20 % run-to-run noise allows.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { numberArg, parseArgs } from "./lib/args.js";
import { defaultExecutorCount, serviceNiceness } from "../scripts/lib/service-command.js";
import { percentile, runConcurrency, runRate, type Target } from "./lib/load.js";
import { CpuMeter, memoryMiB, pidsMatching, pinningAvailable, pinProcess, type Managed } from "./lib/procs.js";
import {
  directTarget, findPortkey, portkeyTarget, proxyTarget, queuedTarget, startMock, startPortkey, startProxy, startQueuedProxy, xrouterTarget,
} from "./lib/targets.js";
import { startXRouter, type XRouterSystem } from "./lib/xrouter.js";
import { measureNatsFloor, type FloorFigures } from "./lib/nats-floor.js";

const args = parseArgs();
const quick = args.has("quick");
const seconds = numberArg(args, "seconds", quick ? 4 : 10);
const rounds = numberArg(args, "rounds", quick ? 1 : 2);
const rates = (args.get("rates") ?? "50,200").split(",").map(Number);
const connections = numberArg(args, "connections", 32);
const withStream = !args.has("no-stream");
// --stream-only: the streamed rounds alone (a quicker A/B of a change to the streamed path)
const withPlain = !args.has("stream-only");
const wanted = new Set((args.get("targets") ?? "direct,proxy,queued,portkey,xrouter").split(","));
const pin = !args.has("no-pin") && pinningAvailable();
const TARGET_CPU = pin ? "0" : undefined;
// --compare-nats URL: xrouter-b (and queued-b, the bare queued proxy's twin) on another NATS server
const compareNats = args.get("compare-nats");
const compare = args.has("compare-root") || args.has("compare-node-args") || args.has("compare-env") || args.has("compare-niceness")
  || compareNats !== undefined;
// xrouter-b's niceness per service, over the default's (as XROUTER_SERVICE_NICENESS writes it)
const compareNiceness = args.has("compare-niceness") ? serviceNiceness(args.get("compare-niceness")) : undefined;
const compareEnv = Object.fromEntries((args.get("compare-env") ?? "").split(",").filter(Boolean).map((kv) => {
  const eq = kv.indexOf("=");
  if (eq <= 0) throw new Error(`--compare-env takes K=V pairs, not '${kv}'`);
  return [kv.slice(0, eq), kv.slice(eq + 1)];
}));
const LOAD_CPU = pin ? "1" : undefined;

interface Scenario { key: string; label: string; kind: "rate" | "concurrency"; value: number; stream: boolean }
const scenarios: Scenario[] = [];
for (const rate of rates) {
  if (withPlain) scenarios.push({ key: `rate${rate}`, label: `${rate} req/s`, kind: "rate", value: rate, stream: false });
  if (withStream) scenarios.push({ key: `rate${rate}s`, label: `${rate} req/s stream`, kind: "rate", value: rate, stream: true });
}
// --connections 0: the fixed rates alone (a quicker A/B of a change to latency)
if (withPlain && connections > 0) scenarios.push({ key: `c${connections}`, label: `${connections} conns`, kind: "concurrency", value: connections, stream: false });
if (withStream && connections > 0) scenarios.push({ key: `c${connections}s`, label: `${connections} conns stream`, kind: "concurrency", value: connections, stream: true });

interface Cell {
  ok: number; failed: number; latencies: number[]; ttft: number[]; statuses: Record<string, number>;
  seconds: number; cpu: Map<string, number>; p50?: number; p90?: number; p99?: number;
}
const cells = new Map<string, Cell>();
const cellOf = (scenario: string, target: string): Cell => {
  const key = `${scenario}/${target}`;
  let c = cells.get(key);
  if (!c) { c = { ok: 0, failed: 0, latencies: [], ttft: [], statuses: {}, seconds: 0, cpu: new Map() }; cells.set(key, c); }
  return c;
};

const f = (n: number | undefined, digits = 2) => (n === undefined || Number.isNaN(n) ? "-" : n.toFixed(digits));
const pad = (s: string, n: number) => s.padStart(n);
const say = (line: string) => process.stdout.write(`${line}\n`);

async function main() {
  const logDir = mkdtempSync(join(tmpdir(), "xr-bench-"));
  if (pin) pinProcess(process.pid, LOAD_CPU!);
  say(`bench:overhead: ${rounds} round(s) x ${seconds} s per scenario and target; logs in ${logDir}`);
  say(pin ? "pinning: targets (proxy, queued proxy, Portkey, every xrouter service) on CPU 0 with taskset -c 0; load generator and mock upstream on CPU 1; NATS and PostgreSQL (shared system services) unpinned"
    : "pinning: off (no taskset or a single core, or --no-pin)");

  const started: Managed[] = [];
  const systems = new Map<string, XRouterSystem>();
  try {
    const mock = await startMock(logDir, LOAD_CPU);
    started.push(mock);
    const targets: Target[] = [];
    const groups = new Map<string, () => Map<string, number[]>>();
    if (wanted.has("direct")) {
      targets.push(directTarget(mock.port));
      groups.set("direct", () => new Map([["mock", [mock.pid]]]));
    }
    if (wanted.has("proxy")) {
      const proxy = await startProxy(logDir, TARGET_CPU, `http://127.0.0.1:${mock.port}`);
      started.push(proxy);
      targets.push(proxyTarget(proxy.port));
      groups.set("proxy", () => new Map([["proxy", [proxy.pid]], ["mock", [mock.pid]]]));
    }
    // the bare queued proxy, and "queued-fastify" (an experiment, bench/README.md session 14): the same with a Fastify front
    // and what the design options for the first token would gain (session 15): core NATS instead of
    // the stream, the answer straight back over TCP instead of through nats-server, and both
    const queuedVariants = ([
      ["queued", {}], ["queued-fastify", { QUEUED_FRONT: "fastify" }], ["queued-core", { QUEUED_DISPATCH: "core" }],
      ["queued-direct", { QUEUED_RETURN: "direct" }], ["queued-core-direct", { QUEUED_DISPATCH: "core", QUEUED_RETURN: "direct" }],
    ] as Array<[string, Record<string, string>]>).filter(([name]) => wanted.has(name));
    if (compareNats && wanted.has("queued")) queuedVariants.push(["queued-b", { NATS_URL: compareNats }]);
    for (const [name, env] of queuedVariants) {
      const [front, worker] = await startQueuedProxy(logDir, TARGET_CPU, `http://127.0.0.1:${mock.port}`, env);
      started.push(front!, worker!);
      targets.push(queuedTarget(front!.port, name));
      groups.set(name, () => new Map([
        ["queued-front", [front!.pid]], ["queued-worker", [worker!.pid]], ["nats-server (shared)", pidsMatching("nats-server")], ["mock", [mock.pid]],
      ]));
    }
    if (wanted.has("portkey")) {
      const dir = findPortkey(args.get("portkey"));
      if (!dir) say("portkey: @portkey-ai/gateway is not installed (--portkey DIR or PORTKEY_GATEWAY_DIR); left out");
      else {
        const portkey = await startPortkey(dir, logDir, TARGET_CPU);
        started.push(portkey);
        targets.push(portkeyTarget(portkey.port, mock.port));
        groups.set("portkey", () => new Map([["portkey", [portkey.pid]], ["mock", [mock.pid]]]));
        say(`portkey: ${dir}`);
      }
    }
    const pgBackends = new Map<string, number[]>();
    // which services of xrouter-b take --compare-node-args (all by default)
    const nodeArgServices = (args.get("compare-node-args-for") ?? "gateway,policy,ledger,executor").split(",")
      .map((service) => service.trim()).filter((service) => ["gateway", "policy", "ledger", "executor"].includes(service));
    const startOne = async (
      name: string, root: string | undefined,
      extra: { nodeArgs?: string[]; env?: Record<string, string>; niceness?: Record<string, number>; natsUrl?: string },
    ) => {
      const sys = await startXRouter({
        ...(extra.natsUrl ? { natsUrl: extra.natsUrl } : {}),
        root, upstream: `http://127.0.0.1:${mock.port}/v1`, executors: numberArg(args, "executors", defaultExecutorCount()),
        runtime: args.has("tsx") ? "tsx" : "compiled", cpus: TARGET_CPU, label: name,
        logDir: name === "xrouter" ? logDir : mkdtempSync(join(logDir, `${name}-`)),
        env: { LOG_LEVEL: args.get("log-level") ?? "info", ...extra.env },
        ...(extra.nodeArgs ? { nodeArgs: Object.fromEntries(nodeArgServices.map((service) => [service, extra.nodeArgs])) } : {}),
        ...(extra.niceness ? { niceness: extra.niceness } : {}),
        keyBudgetUsd: args.has("budget-usd") ? numberArg(args, "budget-usd", 1000) : undefined,
      });
      systems.set(name, sys);
      targets.push(xrouterTarget(sys.baseUrl, sys.apiKey, "router", name));
      const natsPids = pidsMatching("nats-server");
      pgBackends.set(name, []);
      groups.set(name, () => new Map<string, number[]>([
        ...sys.processes().map((p) => [p.name, [p.pid]] as [string, number[]]),
        ["nats-server (shared)", natsPids], ["postgres backends", pgBackends.get(name)!], ["mock", [mock.pid]],
      ]));
      say(`${name}: ${sys.baseUrl} (${sys.executors.length} executors, NATS prefix ${sys.prefix}, database ${sys.databaseName})`);
    };
    if (wanted.has("xrouter")) await startOne("xrouter", args.get("root"), {});
    if (compare) {
      // node flags start with "--": only the --compare-node-args=... form can carry them
      if (args.get("compare-node-args") === "true") throw new Error('write --compare-node-args="--flag --other-flag" (with "=")');
      const nodeArgs = args.get("compare-node-args")?.split(/\s+/).filter(Boolean);
      await startOne("xrouter-b", args.get("compare-root") ?? args.get("root"), { nodeArgs, env: compareEnv, niceness: compareNiceness, natsUrl: compareNats });
      say(`xrouter-b differs by:${args.has("compare-root") ? ` root ${args.get("compare-root")}` : ""}${nodeArgs ? ` node args ${nodeArgs.join(" ")} (${nodeArgServices.join(", ")})` : ""}${Object.keys(compareEnv).length ? ` env ${JSON.stringify(compareEnv)}` : ""}${compareNiceness ? ` niceness ${JSON.stringify(compareNiceness)}` : ""}${compareNats ? ` NATS ${compareNats}` : ""}`);
    }

    // warm-up: JIT, connection pools, the gateway's key cache
    for (const t of targets) {
      await runConcurrency(t, 8, 2, false);
      if (withStream) await runConcurrency(t, 8, 1, true);
    }

    for (let round = 0; round < rounds; round += 1) {
      for (const scenario of scenarios) {
        // every other round runs the targets in reverse: a rotation alone kept xrouter-b right
        // after xrouter in every round, and the A/B pair favoured whichever ran second
        const order = (round % 2 === 0 ? targets : [...targets].reverse());
        for (const target of order) {
          // the ledger's pool closes idle connections (10 s) and opens new ones: list the backends afresh
          const refreshBackends = async () => {
            const sys = systems.get(target.name);
            if (sys) pgBackends.set(target.name, await sys.postgresBackends());
          };
          await refreshBackends();
          const meter = new CpuMeter(groups.get(target.name)!);
          const cell = cellOf(scenario.key, target.name);
          if (scenario.kind === "rate") {
            const r = await runRate(target, scenario.value, seconds, scenario.stream);
            cell.ok += r.ok; cell.failed += r.failed; cell.latencies.push(...r.latencies); cell.ttft.push(...r.ttft);
            for (const [k, v] of Object.entries(r.statuses)) cell.statuses[k] = (cell.statuses[k] ?? 0) + v;
            cell.seconds += r.durationMs / 1000;
          } else {
            const r = await runConcurrency(target, scenario.value, seconds, scenario.stream);
            cell.ok += r.ok; cell.failed += r.failed; cell.seconds += r.durationS;
            // autocannon gives percentiles per run: keep the worst of the rounds
            cell.p50 = Math.max(cell.p50 ?? 0, r.p50); cell.p90 = Math.max(cell.p90 ?? 0, r.p90); cell.p99 = Math.max(cell.p99 ?? 0, r.p99);
          }
          await new Promise((r) => setTimeout(r, 400)); // trailing asynchronous work (request records) counts too
          await refreshBackends();
          for (const [name, micros] of meter.read()) cell.cpu.set(name, (cell.cpu.get(name) ?? 0) + micros);
          process.stderr.write(`  round ${round + 1} ${scenario.label.padEnd(18)} ${target.name.padEnd(8)} ok ${cell.ok} failed ${cell.failed}\n`);
        }
      }
    }
    let natsFloor: NatsFloors | undefined;
    if (systems.size > 0 && withStream && !args.has("no-floor")) {
      const streamedRates = scenarios.filter((x) => x.kind === "rate" && x.stream).map((x) => x.value);
      process.stderr.write("  the NATS floor (JetStream publish, pull consumer, core reply; then core NATS alone) at the streamed rates\n");
      const floorOptions = { rates: streamedRates, seconds: Math.min(seconds, 6), cpus: TARGET_CPU, logDir };
      natsFloor = { jetstream: await measureNatsFloor(floorOptions), core: await measureNatsFloor({ ...floorOptions, mode: "core" }) };
    }
    report(targets.map((t) => t.name), started, systems, natsFloor);
    if (args.get("json")) {
      const { writeFileSync } = await import("node:fs");
      writeFileSync(args.get("json")!, JSON.stringify(Object.fromEntries([...cells].map(([k, c]) => [k, {
        ...c, latencies: undefined, ttft: undefined, cpu: Object.fromEntries(c.cpu),
        p50: c.p50 ?? percentile(c.latencies, 50), p90: c.p90 ?? percentile(c.latencies, 90), p99: c.p99 ?? percentile(c.latencies, 99),
        ttft50: percentile(c.ttft, 50), ttft90: percentile(c.ttft, 90), ttft99: percentile(c.ttft, 99),
      }])), null, 2));
    }
  } finally {
    for (const [name, sys] of systems) await sys.stop().catch((e: unknown) => say(`${name} stop failed: ${String(e)}`));
    await Promise.all(started.map((p) => p.stop()));
  }
}

/**
 * NATS's own share of a first token's path on this machine, per streamed rate: as the call travels
 * (through the durable stream), and core NATS alone, for what the stream adds (--no-floor: none).
 */
interface NatsFloors { jetstream: FloorFigures; core: FloorFigures }

function report(targetNames: string[], started: Managed[], systems: Map<string, XRouterSystem>, natsFloor?: NatsFloors) {
  const direct = (scenario: string) => cells.get(`${scenario}/direct`);
  say("");
  say("== Latency at a fixed rate (open loop), ms; '+' columns: added over calling the mock directly (same percentile)");
  say(`${"scenario".padEnd(20)}${"target".padEnd(9)}${pad("ok", 7)}${pad("fail", 6)}${pad("p50", 8)}${pad("p90", 8)}${pad("p99", 8)}${pad("+p50", 8)}${pad("+p90", 8)}${pad("+p99", 8)}`);
  for (const s of scenarios.filter((x) => x.kind === "rate")) {
    const metric = (c: Cell) => (s.stream ? c.ttft : c.latencies);
    const base = direct(s.key);
    for (const name of targetNames) {
      const c = cells.get(`${s.key}/${name}`);
      if (!c) continue;
      const q = [50, 90, 99].map((p) => percentile(metric(c), p));
      const added = base && name !== "direct" ? [50, 90, 99].map((p, i) => q[i]! - percentile(metric(base), p)) : [];
      say(`${(s.label + (s.stream ? " TTFT" : "")).padEnd(20)}${name.padEnd(9)}${pad(String(c.ok), 7)}${pad(String(c.failed), 6)}${q.map((v) => pad(f(v), 8)).join("")}${added.map((v) => pad(f(v), 8)).join("") || pad("-", 8).repeat(3)}`);
    }
    if (s.stream) {
      for (const name of targetNames) {
        const c = cells.get(`${s.key}/${name}`);
        if (!c) continue;
        const q = [50, 99].map((p) => percentile(c.latencies, p));
        say(`${"  (whole stream)".padEnd(20)}${name.padEnd(9)}${pad("", 13)}${pad(f(q[0]), 8)}${pad("", 8)}${pad(f(q[1]), 8)}`);
      }
    }
  }
  say("");
  say(`== Throughput at fixed concurrency (autocannon), requests/s and latency ms (worst round)`);
  say(`${"scenario".padEnd(20)}${"target".padEnd(9)}${pad("ok", 8)}${pad("fail", 6)}${pad("req/s", 9)}${pad("p50", 7)}${pad("p90", 7)}${pad("p99", 7)}`);
  for (const s of scenarios.filter((x) => x.kind === "concurrency")) {
    for (const name of targetNames) {
      const c = cells.get(`${s.key}/${name}`);
      if (!c) continue;
      say(`${s.label.padEnd(20)}${name.padEnd(9)}${pad(String(c.ok), 8)}${pad(String(c.failed), 6)}${pad(f(c.ok / c.seconds, 0), 9)}${pad(f(c.p50, 0), 7)}${pad(f(c.p90, 0), 7)}${pad(f(c.p99, 0), 7)}`);
    }
  }
  say("");
  say("== CPU per answered request, microseconds (utime+stime from /proc/<pid>/stat over each round, including 0.4 s after it)");
  const names = new Set<string>();
  for (const name of targetNames) for (const s of scenarios) for (const k of cells.get(`${s.key}/${name}`)?.cpu.keys() ?? []) names.add(`${name}\u0000${k}`);
  say(`${"target".padEnd(9)}${"process".padEnd(24)}${scenarios.map((s) => pad(s.key, 10)).join("")}`);
  for (const name of targetNames) {
    const own = [...names].filter((n) => n.startsWith(`${name}\u0000`)).map((n) => n.split("\u0000")[1]!);
    const per = (s: Scenario, proc: string) => {
      const c = cells.get(`${s.key}/${name}`);
      return c && c.ok > 0 ? (c.cpu.get(proc) ?? 0) / c.ok : Number.NaN;
    };
    for (const proc of own) say(`${name.padEnd(9)}${proc.padEnd(24)}${scenarios.map((s) => pad(f(per(s, proc), 0), 10)).join("")}`);
    const ours = own.filter((p) => p !== "mock" && !p.includes("(shared)") && p !== "postgres backends");
    if (ours.length > 1) {
      say(`${name.padEnd(9)}${"= sum of ours".padEnd(24)}${scenarios.map((s) => pad(f(ours.reduce((a, p) => a + per(s, p), 0), 0), 10)).join("")}`);
    }
  }
  say("");
  say("== Peak resident memory (VmHWM), MiB");
  say(started.map((p) => `${p.name} ${f(memoryMiB(p.pid)?.peak, 0)}`).join("  |  "));
  for (const [name, sys] of systems) say(`${name}: ${sys.processes().map((p) => `${p.name} ${f(memoryMiB(p.pid)?.peak, 0)}`).join("  |  ")}`);

  if (systems.size === 0) return;
  say("");
  say("== xrouter against the targets of issue 8");
  const rate200 = scenarios.find((s) => s.key === "rate200");
  const addedAt = (scenario: string, name: string, p: number, ttft = false) => {
    const c = cells.get(`${scenario}/${name}`);
    const b = direct(scenario);
    if (!c || !b) return Number.NaN;
    return percentile(ttft ? c.ttft : c.latencies, p) - percentile(ttft ? b.ttft : b.latencies, p);
  };
  const plus = (ms: number) => (Number.isFinite(ms) ? `+${f(ms)} ms` : "-");
  const ratio = (a: number, b: number) => (Number.isFinite(a) && Number.isFinite(b) && b !== 0 ? `${(a / b).toFixed(1)}x` : "-");
  const tput = (target: string) => { const c = cells.get(`c${connections}/${target}`); return c ? c.ok / c.seconds : Number.NaN; };
  const cpuSum = (scenario: string, target: string, only?: (p: string) => boolean) => {
    const c = cells.get(`${scenario}/${target}`);
    if (!c || c.ok === 0) return Number.NaN;
    let sum = 0;
    for (const [p, v] of c.cpu) if (p !== "mock" && (!only || only(p))) sum += v;
    return sum / c.ok;
  };
  const ours = (p: string) => !p.includes("(shared)") && p !== "postgres backends";
  for (const name of targetNames.filter((t) => t.startsWith("xrouter"))) {
    if (rate200) {
      for (const p of [50, 99]) {
        const x = addedAt("rate200", name, p);
        say(`added p${p} at 200 req/s: ${name} ${f(x)} ms | bare proxy ${f(addedAt("rate200", "proxy", p))} ms (${ratio(x, addedAt("rate200", "proxy", p))}) | bare queued proxy ${f(addedAt("rate200", "queued", p))} ms (${ratio(x, addedAt("rate200", "queued", p))}) | portkey ${f(addedAt("rate200", "portkey", p))} ms (${ratio(x, addedAt("rate200", "portkey", p))})`);
        const queuedHops = addedAt("rate200", "queued", p);
        if (Number.isFinite(queuedHops)) say(`  over the bare queued proxy (the same hops, no logic): ${name}'s own work ${plus(x - queuedHops)}`);
      }
    }
    // issue 6 asks for the provider's own time to first token, the router's, and their ratio
    for (const s of withStream ? scenarios.filter((x) => x.kind === "rate" && x.stream) : []) {
      const own = cells.get(`${s.key}/direct`);
      const routed = cells.get(`${s.key}/${name}`);
      if (!own || !routed) continue;
      const [p50Own, p50Routed] = [percentile(own.ttft, 50), percentile(routed.ttft, 50)];
      say(`TTFT p50 at ${s.value} req/s (stream): provider ${f(p50Own)} ms, through ${name} ${f(p50Routed)} ms (${ratio(p50Routed, p50Own)}, ${plus(p50Routed - p50Own)}) | added by the bare proxy ${plus(addedAt(s.key, "proxy", 50, true))}, by the bare queued proxy ${plus(addedAt(s.key, "queued", 50, true))}, by portkey ${plus(addedAt(s.key, "portkey", 50, true))}  (target: within 2 ms of direct)`);
      const queuedHops = addedAt(s.key, "queued", 50, true);
      if (Number.isFinite(queuedHops)) {
        say(`  over the bare queued proxy (the same hops, no logic): ${name}'s own work ${plus(p50Routed - p50Own - queuedHops)}`);
      }
      const floor = natsFloor?.jetstream[String(s.value)];
      const core = natsFloor?.core[String(s.value)];
      if (floor) {
        // a round trip of its own, idle wake-ups included, not an addition to direct's: the bare
        // queued proxy above is what the hops add to a provider call
        say(`  NATS alone, round trip: ${f(floor.p50)} ms (p50 of a JetStream publish to a pull consumer answered by a core publish, two bare processes on the services' core; p90 ${f(floor.p90)})`);
        if (core) say(`  core NATS alone (no stream, a queue subscription) ${f(core.p50)} ms (p90 ${f(core.p90)}): the durable queue's share ${plus(floor.p50 - core.p50)}`);
      }
    }
    say(`throughput at ${connections} connections: ${name} ${f(tput(name), 0)} req/s = ${ratio(tput(name), tput("direct"))} of direct, ${ratio(tput(name), tput("proxy"))} of the bare proxy, ${ratio(tput(name), tput("queued"))} of the bare queued proxy, ${ratio(tput(name), tput("portkey"))} of portkey`);
    for (const s of [`c${connections}`, "rate200"]) {
      say(`CPU per routed request (${s}): ${name} ${f(cpuSum(s, name, ours), 0)} us (ours) + ${f(cpuSum(s, name, (p) => !ours(p)), 0)} us (NATS, PostgreSQL) | bare proxy ${f(cpuSum(s, "proxy"), 0)} us | bare queued proxy ${f(cpuSum(s, "queued"), 0)} us (with NATS) | portkey ${f(cpuSum(s, "portkey"), 0)} us`);
    }
  }
  for (const [name, sys] of systems) {
    const peaks = sys.processes().map((p) => memoryMiB(p.pid)?.peak ?? 0);
    say(`largest peak RSS of an ${name} process: ${f(Math.max(...peaks), 0)} MiB (target: at most 150)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:overhead failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
