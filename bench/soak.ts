// npm run soak -- [--duration 600] [--rate 50] [--stream-share 0.2] [--sample-s 5] [--root DIR] [--samples FILE.csv]
//   [--budget-usd N] (the API key gets a total budget: its calls are drawn from budget leases)
//
// A soak: the whole system at a moderate, steady rate (open loop, a share of the requests
// streamed) for --duration seconds, with the resident memory of every process sampled every
// --sample-s seconds. At the end: each process's RSS at the start and the end and the slope of a
// least-squares line through the samples of the second half (after warm-up), in MiB per minute,
// and of the per-minute minima (the GC saw-tooth removed), with a verdict (flat: either under
// 0.5 MiB/min), and the latency and errors of the run. --samples writes every sample as CSV.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { numberArg, parseArgs } from "./lib/args.js";
import { percentile, runRate } from "./lib/load.js";
import { memoryMiB, type Managed } from "./lib/procs.js";
import { startMock, xrouterTarget } from "./lib/targets.js";
import { startXRouter } from "./lib/xrouter.js";

const args = parseArgs();
const duration = numberArg(args, "duration", 600);
const rate = numberArg(args, "rate", 50);
const streamShare = numberArg(args, "stream-share", 0.2);
const sampleS = numberArg(args, "sample-s", 5);
const FLAT_MIB_PER_MIN = 0.5;
const say = (line: string) => process.stdout.write(`${line}\n`);

/** Least-squares slope of y over x. */
export function slope(points: { x: number; y: number }[]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((a, p) => a + p.x, 0) / n;
  const my = points.reduce((a, p) => a + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) { num += (p.x - mx) * (p.y - my); den += (p.x - mx) ** 2; }
  return den === 0 ? Number.NaN : num / den;
}

async function main() {
  const logDir = mkdtempSync(join(tmpdir(), "xr-soak-"));
  say(`soak: ${duration} s at ${rate} req/s (${Math.round(streamShare * 100)}% streamed), RSS sampled every ${sampleS} s; logs in ${logDir}`);
  const mock = await startMock(logDir, undefined, { MOCK_LATENCY_MS: "20" });
  const system = await startXRouter({
    root: args.get("root"), upstream: `http://127.0.0.1:${mock.port}/v1`, logDir, label: "soak", runtime: args.has("tsx") ? "tsx" : "compiled",
    keyBudgetUsd: args.has("budget-usd") ? numberArg(args, "budget-usd", 1000) : undefined,
  });
  const samples = new Map<string, { x: number; y: number }[]>();
  const started = performance.now();
  const processes = (): Managed[] => [...system.processes(), mock];
  const sample = () => {
    const minutes = (performance.now() - started) / 60_000;
    for (const p of processes()) {
      const m = memoryMiB(p.pid);
      if (!m) continue;
      const list = samples.get(p.name) ?? [];
      list.push({ x: minutes, y: m.rss });
      samples.set(p.name, list);
    }
  };
  sample();
  const sampler = setInterval(sample, sampleS * 1000);
  const target = xrouterTarget(system.baseUrl, system.apiKey);
  const latencies: number[] = [];
  let ok = 0;
  let failed = 0;
  const statuses: Record<string, number> = {};
  try {
    const chunkS = 10;
    const streamRate = rate * streamShare;
    for (let elapsed = 0; elapsed < duration; elapsed += chunkS) {
      const s = Math.min(chunkS, duration - elapsed);
      const [plain, streamed] = await Promise.all([
        runRate(target, rate - streamRate, s, false),
        streamRate > 0 ? runRate(target, streamRate, s, true) : Promise.resolve(undefined),
      ]);
      for (const r of [plain, streamed]) {
        if (!r) continue;
        ok += r.ok; failed += r.failed;
        for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
        // keep a bounded sample of latencies
        for (const l of r.latencies) if (latencies.length < 200_000) latencies.push(l);
      }
      if (Math.round(elapsed / 60) !== Math.round((elapsed + chunkS) / 60)) {
        process.stderr.write(`  ${elapsed + chunkS} s: ${ok} ok, ${failed} failed; gateway RSS ${memoryMiB(system.gateway.pid)?.rss.toFixed(0)} MiB\n`);
      }
    }
  } finally {
    clearInterval(sampler);
    sample();
    await system.stop();
    await mock.stop();
  }
  say("");
  say(`requests: ${ok} ok, ${failed} failed (${Object.entries(statuses).map(([k, v]) => `${k} x${v}`).join(", ")}); latency p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  say(`slope: least squares over the samples of the second half; floor: the same over each minute's lowest sample (the GC saw-tooth removed)`);
  say(`${"process".padEnd(12)}${"start MiB".padStart(11)}${"end MiB".padStart(10)}${"max MiB".padStart(10)}${"slope MiB/min".padStart(15)}${"floor MiB/min".padStart(15)}  verdict`);
  let allFlat = true;
  for (const [name, points] of samples) {
    const half = points.filter((p) => p.x >= points[points.length - 1]!.x / 2);
    const s = slope(half);
    const minima = new Map<number, { x: number; y: number }>();
    for (const p of half) { const m = Math.floor(p.x); const cur = minima.get(m); if (!cur || p.y < cur.y) minima.set(m, p); }
    const floor = slope([...minima.values()]);
    const flat = Math.abs(s) < FLAT_MIB_PER_MIN || Math.abs(floor) < FLAT_MIB_PER_MIN;
    if (name !== "mock") allFlat &&= flat;
    say(`${name.padEnd(12)}${points[0]!.y.toFixed(1).padStart(11)}${points[points.length - 1]!.y.toFixed(1).padStart(10)}${Math.max(...points.map((p) => p.y)).toFixed(1).padStart(10)}${s.toFixed(3).padStart(15)}${floor.toFixed(3).padStart(15)}  ${flat ? "flat" : "GROWING"}`);
  }
  if (args.get("samples")) {
    const { writeFileSync } = await import("node:fs");
    writeFileSync(args.get("samples")!, ["process,minute,rss_mib", ...[...samples].flatMap(([n, ps]) => ps.map((p) => `${n},${p.x.toFixed(3)},${p.y.toFixed(1)}`))].join("\n"));
    say(`samples: ${args.get("samples")}`);
  }
  say(allFlat ? `every xrouter process flat (|slope| < ${FLAT_MIB_PER_MIN} MiB/min)` : "some process's memory is still growing");
  if (!allFlat) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`soak failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
