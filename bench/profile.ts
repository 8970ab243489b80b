// node --import tsx bench/profile.ts [--seconds 15] [--connections 32 | --rate 200] [--stream]
//   [--root DIR] [--top 25] [--keep] [--executors 2] [--log-level info] [--alloc | --alloc-live | --alloc-promoted]
//
// Where the CPU of a routed request goes. Starts the whole system (as bench:overhead does) with
// every service under `node --cpu-prof`, drives it with the mock upstream, stops it cleanly (the
// profiles are written at exit) and prints, per service, the CPU time spent by package and the
// heaviest functions (self time), counting only the samples taken while the load ran.
// With --alloc: where the bytes a request allocates come from instead (V8's sampling heap profiler
// keeping collected objects, during the load only), the garbage that makes the young-generation
// collections whose pauses are the tail at 200 req/s. --alloc-live: only what no collection took
// by the end of the load (what a request leaves behind). --alloc-promoted: only what survived the
// young generation's collections (what the scavenges copy, whose bytes set their pauses).
import { mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { numberArg, parseArgs } from "./lib/args.js";
import { defaultExecutorCount } from "../scripts/lib/service-command.js";
import { runConcurrency, runRate } from "./lib/load.js";
import { CpuMeter, pinningAvailable, pinProcess } from "./lib/procs.js";
import { startMock, xrouterTarget } from "./lib/targets.js";
import { startXRouter } from "./lib/xrouter.js";

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; startTime: number; endTime: number; samples: number[]; timeDeltas: number[] }

/** Which package or part of the runtime a script URL belongs to. */
export function categoryOf(url: string, functionName: string): string {
  if (!url) {
    if (functionName === "(garbage collector)") return "GC";
    if (functionName === "(program)") return "(program: native, compiler)";
    if (functionName === "(idle)") return "(idle)";
    return `(native) ${functionName}`;
  }
  if (url.startsWith("node:")) return `node:${url.slice(5).split("/")[0]}`;
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    return rest[0]!.startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const svc = /\/services\/([a-z]+)\/src\/(.*)$/.exec(url);
  if (svc) return `ours: ${svc[1]}/${svc[2]!.split("/")[0]}`;
  return url.replace(/^file:\/\//, "");
}

/** A function and where it is: `name package/file:line`, or `name services/...:line` for ours. */
function functionKey({ functionName, url, lineNumber }: ProfileNode["callFrame"]): string {
  const where = url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*\/services\//, "services/")}:${lineNumber + 1}` : "";
  return `${functionName || "(anonymous)"} ${where}`;
}

export function summarise(profile: CpuProfile, fromMicros: number, toMicros: number) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<number, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i += 1) {
    t += profile.timeDeltas[i]!;
    if (t < fromMicros || t > toMicros) continue;
    const dt = profile.timeDeltas[i + 1] ?? 0;
    selfMicros.set(profile.samples[i]!, (selfMicros.get(profile.samples[i]!) ?? 0) + Math.max(0, dt));
  }
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let busy = 0;
  for (const [id, micros] of selfMicros) {
    const node = byId.get(id)!;
    const { functionName, url } = node.callFrame;
    const cat = categoryOf(url, functionName);
    if (cat === "(idle)") continue;
    busy += micros;
    categories.set(cat, (categories.get(cat) ?? 0) + micros);
    const key = functionKey(node.callFrame);
    functions.set(key, (functions.get(key) ?? 0) + micros);
  }
  const sorted = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { busy, categories: sorted(categories), functions: sorted(functions) };
}

interface HeapNode { callFrame: ProfileNode["callFrame"]; selfSize: number; children: HeapNode[] }

/** Bytes allocated by package and by function (self), from a sampling heap profile's tree. */
export function summariseAllocations(head: HeapNode) {
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  let total = 0;
  const visit = (node: HeapNode) => {
    const { functionName, url } = node.callFrame;
    if (node.selfSize > 0) {
      total += node.selfSize;
      const cat = categoryOf(url, functionName);
      categories.set(cat, (categories.get(cat) ?? 0) + node.selfSize);
      const key = functionKey(node.callFrame);
      functions.set(key, (functions.get(key) ?? 0) + node.selfSize);
    }
    for (const child of node.children) visit(child);
  };
  visit(head);
  return { total, categories, functions };
}

const SERVICES = ["gateway", "policy", "ledger", "executor"] as const;
const ALLOC_SAMPLER = fileURLToPath(new URL("./lib/alloc-sampler.mjs", import.meta.url));

const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

async function main() {
  const args = parseArgs();
  const seconds = numberArg(args, "seconds", 15);
  const top = numberArg(args, "top", 25);
  const stream = args.has("stream");
  const pin = pinningAvailable() && !args.has("no-pin");
  if (pin) pinProcess(process.pid, "1");
  const logDir = mkdtempSync(join(tmpdir(), "xr-profile-"));
  const profDir = (name: string) => { const d = join(logDir, name); mkdirSync(d, { recursive: true }); return d; };
  const keep = args.has("alloc-live") ? "none" : args.has("alloc-promoted") ? "major" : "all";
  const alloc = args.has("alloc") || keep !== "all";
  const nodeArgs = (name: string) => (alloc ? ["--import", ALLOC_SAMPLER] : ["--cpu-prof", `--cpu-prof-dir=${profDir(name)}`]);
  const mock = await startMock(logDir, pin ? "1" : undefined);
  const system = await startXRouter({
    root: args.get("root"), upstream: `http://127.0.0.1:${mock.port}/v1`, executors: numberArg(args, "executors", defaultExecutorCount()),
    runtime: args.has("tsx") ? "tsx" : "compiled", cpus: pin ? "0" : undefined, logDir, label: "profile", env: { LOG_LEVEL: args.get("log-level") ?? "info" },
    nodeArgs: { gateway: nodeArgs("gateway"), policy: nodeArgs("policy"), ledger: nodeArgs("ledger"), executor: nodeArgs("executor") },
    serviceEnv: alloc
      ? Object.fromEntries(SERVICES.map((n) => [n, { XR_ALLOC_PROFILE_DIR: profDir(n), XR_ALLOC_KEEP: keep }]))
      : undefined,
  });
  const toggleAllocSampling = () => {
    if (alloc) for (const p of system.processes()) if (SERVICES.some((n) => p.name.startsWith(n))) process.kill(p.pid, "SIGUSR2");
  };
  const target = xrouterTarget(system.baseUrl, system.apiKey);
  let window: [number, number];
  let answered = 0;
  let cpu = new Map<string, number>();
  try {
    await runConcurrency(target, 8, 3, stream);
    const group = (prefix: string) => system.processes().filter((p) => p.name.startsWith(prefix)).map((p) => p.pid);
    const meter = new CpuMeter(() => new Map(SERVICES.map((n) => [n, group(n)])));
    toggleAllocSampling();
    const from = monotonicMicros();
    if (args.has("rate")) {
      const r = await runRate(target, numberArg(args, "rate", 200), seconds, stream);
      answered = r.ok;
      process.stdout.write(`load: ${r.ok} answered, ${r.failed} failed at ${args.get("rate")} req/s${stream ? " (stream)" : ""} for ${seconds} s\n`);
    } else {
      const c = numberArg(args, "connections", 32);
      const r = await runConcurrency(target, c, seconds, stream);
      answered = r.ok;
      process.stdout.write(`load: ${r.ok} answered (${r.rps.toFixed(0)} req/s), ${r.failed} failed at ${c} connections${stream ? " (stream)" : ""} for ${seconds} s\n`);
    }
    window = [from, monotonicMicros() + 300_000];
    await new Promise((r) => setTimeout(r, 400));
    cpu = meter.read();
    toggleAllocSampling();
    await new Promise((r) => setTimeout(r, 500));
  } finally {
    await system.stop();
    await mock.stop();
  }
  if (alloc) {
    printAllocations(logDir, answered, top, { all: "allocated", none: "left alive", major: "promoted or left alive" }[keep]);
    return;
  }
  for (const name of SERVICES) {
    const { files, total: busy, categories, functions } = mergeProfiles(join(logDir, name), ".cpuprofile",
      (profile) => { const s = summarise(profile as CpuProfile, window[0], window[1]); return { ...s, total: s.busy }; });
    // the profiler attributes wall time between samples, which a busy core stretches: the shares
    // come from the profile, the CPU time itself from /proc
    const cpuPerRequest = answered > 0 ? (cpu.get(name) ?? 0) / answered : 0;
    const perRequest = (micros: number) => (busy > 0 ? (cpuPerRequest * micros) / busy : 0);
    process.stdout.write(`\n== ${name} (${files.length} profile${files.length === 1 ? "" : "s"}): ${cpuPerRequest.toFixed(0)} us of CPU per answered request (/proc, during the load)\n`);
    process.stdout.write("  by package:\n");
    for (const [k, v] of [...categories].sort((a, b) => b[1] - a[1]).slice(0, 14)) {
      process.stdout.write(`    ${(100 * v / busy).toFixed(1).padStart(5)}%  ${perRequest(v).toFixed(0).padStart(6)} us  ${k}\n`);
    }
    process.stdout.write("  heaviest functions (self time):\n");
    for (const [k, v] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) {
      process.stdout.write(`    ${(100 * v / busy).toFixed(1).padStart(5)}%  ${k}\n`);
    }
  }
  process.stdout.write(`\nprofiles: ${logDir}/<service>/*.cpuprofile (open in Chrome DevTools)\n`);
}

type Tally = Map<string, number> | [string, number][];

/** Every process's profile of one service (executors are several), summed. */
function mergeProfiles(dir: string, suffix: string, summary: (profile: unknown) => { total: number; categories: Tally; functions: Tally }) {
  const files = readdirSync(dir).filter((f) => f.endsWith(suffix));
  let total = 0;
  const categories = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const file of files) {
    const s = summary(JSON.parse(readFileSync(join(dir, file), "utf8")));
    total += s.total;
    for (const [k, v] of s.categories) categories.set(k, (categories.get(k) ?? 0) + v);
    for (const [k, v] of s.functions) functions.set(k, (functions.get(k) ?? 0) + v);
  }
  return { files, total, categories, functions };
}

function printAllocations(logDir: string, answered: number, top: number, what: string) {
  const kb = (bytes: number) => (answered > 0 ? bytes / answered / 1024 : 0).toFixed(1).padStart(7);
  for (const name of SERVICES) {
    const { files, total, categories, functions } = mergeProfiles(join(logDir, name), ".heapprofile",
      (profile) => summariseAllocations((profile as { head: HeapNode }).head));
    process.stdout.write(`\n== ${name} (${files.length} profile${files.length === 1 ? "" : "s"}): ${kb(total)} KiB ${what} per answered request\n`);
    process.stdout.write("  by package (KiB per request):\n");
    for (const [k, v] of [...categories].sort((a, b) => b[1] - a[1]).slice(0, 14)) process.stdout.write(`    ${kb(v)}  ${k}\n`);
    process.stdout.write("  allocating functions (self, KiB per request):\n");
    for (const [k, v] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) process.stdout.write(`    ${kb(v)}  ${k}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`profile failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
