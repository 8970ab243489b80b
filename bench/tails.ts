// node --import tsx bench/tails.ts [--rate 200] [--seconds 10] [--stream] [--root DIR] [--node-args="--flag ..."]
//
// Where the slow requests of a fixed-rate load meet garbage collection: every service logs each
// of its collections with its wall-clock start (bench/lib/gc-log.mjs, preloaded), the driver keeps
// each request's start and response time, and for the requests above the p90 and the p99 this
// prints how many overlap a pause of each process, next to the same share for all requests (what
// chance alone gives). A share well above chance names a process whose pauses make the tail.
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { defaultExecutorCount } from "../scripts/lib/service-command.js";
import { numberArg, parseArgs } from "./lib/args.js";
import { percentile, runRate } from "./lib/load.js";
import { startWarmSystem } from "./lib/warm-system.js";

const GC_LOG = fileURLToPath(new URL("./lib/gc-log.mjs", import.meta.url));
const SERVICES = ["gateway", "executor", "ledger", "policy"] as const;

interface Pause { at: number; ms: number; kind: string }

function readPauses(file: string): Pause[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8").split("\n").filter(Boolean).map((line) => {
    const [at, ms, kind] = line.split(" ");
    return { at: Number(at), ms: Number(ms), kind: kind ?? "?" };
  });
}

/** Share of the requests whose [start, end] overlaps one of the pauses. */
function overlapShare(requests: Array<[number, number]>, pauses: Pause[]): number {
  if (requests.length === 0) return 0;
  const hit = requests.filter(([start, latency]) => pauses.some((p) => p.at < start + latency && p.at + p.ms > start));
  return hit.length / requests.length;
}

const pct = (share: number) => `${(100 * share).toFixed(0).padStart(3)} %`;

async function main() {
  const args = parseArgs();
  const rate = numberArg(args, "rate", 200);
  const seconds = numberArg(args, "seconds", 10);
  const stream = args.has("stream");
  const preload = [...(args.get("node-args") ?? "").split(/\s+/).filter(Boolean), "--import", GC_LOG];
  const logDir = mkdtempSync(join(tmpdir(), "xr-tails-"));
  const gcLog = (name: string) => join(logDir, `${name}.gc`);
  const { target, stop } = await startWarmSystem({
    root: args.get("root"), label: "tails", logDir, executors: numberArg(args, "executors", defaultExecutorCount()), rate, stream,
    nodeArgs: { gateway: preload, executor: preload, ledger: preload, policy: preload },
    serviceEnv: Object.fromEntries(SERVICES.map((s) => [s, { XR_GC_LOG: gcLog(s) }])),
  });
  let timeline: Array<[number, number]> = [];
  try {
    const load = await runRate(target, rate, seconds, stream);
    timeline = load.timeline;
    process.stdout.write(`load: ${load.ok} answered, ${load.failed} failed at ${rate} req/s${stream ? " (stream)" : ""} for ${seconds} s\n`);
  } finally {
    await stop();
  }
  const latencies = timeline.map(([, latency]) => latency);
  const at = (q: number) => percentile(latencies, 100 * q);
  const groups: Array<[string, Array<[number, number]>]> = [
    ["all requests", timeline],
    [`slowest 10 % (> ${at(0.9).toFixed(1)} ms)`, timeline.filter(([, l]) => l > at(0.9))],
    [`slowest 1 % (> ${at(0.99).toFixed(1)} ms)`, timeline.filter(([, l]) => l > at(0.99))],
  ];
  const from = timeline[0]?.[0] ?? 0;
  const to = Math.max(...timeline.map(([s, l]) => s + l));
  const pauses = Object.fromEntries(SERVICES.map((s) => [s, readPauses(gcLog(s)).filter((p) => p.at + p.ms >= from && p.at <= to)]));
  process.stdout.write(`response time p50 ${at(0.5).toFixed(1)} p90 ${at(0.9).toFixed(1)} p99 ${at(0.99).toFixed(1)} ms\n`);
  for (const s of SERVICES) {
    const list = pauses[s]!;
    const major = list.filter((p) => p.kind !== "minor");
    process.stdout.write(`${s}: ${list.length} pauses in the window (${major.length} not minor, longest ${Math.max(0, ...list.map((p) => p.ms)).toFixed(1)} ms)\n`);
  }
  process.stdout.write(`\nshare of requests that overlap a pause of   ${SERVICES.map((s) => s.padStart(9)).join(" ")}   any\n`);
  for (const [label, requests] of groups) {
    const shares = SERVICES.map((s) => pct(overlapShare(requests, pauses[s]!)).padStart(9));
    const any = pct(overlapShare(requests, SERVICES.flatMap((s) => pauses[s]!)));
    process.stdout.write(`  ${label.padEnd(40)} ${shares.join(" ")}   ${any}  (${requests.length} requests)\n`);
  }
  const slowest = groups[2]![1];
  const kinds = new Map<string, number>();
  for (const s of SERVICES) {
    for (const p of pauses[s]!) {
      if (slowest.some(([start, latency]) => p.at < start + latency && p.at + p.ms > start)) kinds.set(`${s} ${p.kind}`, (kinds.get(`${s} ${p.kind}`) ?? 0) + 1);
    }
  }
  process.stdout.write(`pauses met by the slowest 1 %: ${[...kinds].map(([k, n]) => `${k} x${n}`).join(", ") || "none"}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench/tails: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
