// node --import tsx bench/gc.ts [--rate 200] [--seconds 10] [--stream] [--root DIR] [--compare-root DIR]
//   [--node-args="--flag ..."] [--executors 1]
//
// What the young generation's collections cost each service under a fixed-rate load: every
// service runs with `--trace-gc-nvp`, and only the collections during the measured window count.
// Per service: scavenges, their pauses (p50 / p90 / max / total), bytes allocated, survived and
// promoted per answered request, mark-compacts. A scavenge's pause grows with what survives it,
// and what is promoted comes back as a mark-compact: the figures that tell whether a change of
// code keeps a request's objects young (bench/README.md, session 8). With --compare-root, the
// other checkout is measured right after, against the same mock.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { defaultExecutorCount } from "../scripts/lib/service-command.js";
import { numberArg, parseArgs } from "./lib/args.js";
import { runConcurrency, runRate } from "./lib/load.js";
import { pinningAvailable } from "./lib/procs.js";
import { startMock, xrouterTarget } from "./lib/targets.js";
import { startXRouter } from "./lib/xrouter.js";

const SERVICES = ["gateway", "executor", "ledger"] as const;

interface Collection { gc: string; pause: number; allocated: number; survived: number; promoted: number }

/** The collections a `--trace-gc-nvp` log reports. */
export function collectionsIn(text: string): Collection[] {
  return text.split("\n").filter((line) => line.includes(" pause=")).map((line) => {
    const field = (name: string) => Number(new RegExp(`\\b${name}=([0-9.]+)`).exec(line)?.[1] ?? 0);
    return {
      gc: /\bgc=(\w+)/.exec(line)?.[1] ?? "?", pause: field("pause"),
      allocated: field("allocated"), survived: field("new_space_survived"), promoted: field("promoted"),
    };
  });
}

export function summariseCollections(all: Collection[], answered: number): string {
  const scavenges = all.filter((c) => c.gc === "s");
  const majors = all.filter((c) => c.gc === "mc" || c.gc === "mmc");
  const pauses = scavenges.map((c) => c.pause).sort((a, b) => a - b);
  const at = (q: number) => pauses[Math.min(pauses.length - 1, Math.floor(q * pauses.length))] ?? 0;
  const sum = (items: Collection[], pick: (c: Collection) => number) => items.reduce((s, c) => s + pick(c), 0);
  const perRequest = (bytes: number) => (answered > 0 ? (bytes / answered / 1024).toFixed(2) : "-");
  return `scavenges ${scavenges.length}, pause p50 ${at(0.5).toFixed(1)} p90 ${at(0.9).toFixed(1)} max ${(pauses.at(-1) ?? 0).toFixed(1)}`
    + ` total ${sum(scavenges, (c) => c.pause).toFixed(0)} ms | KiB per request: allocated ${perRequest(sum(scavenges, (c) => c.allocated))},`
    + ` survived ${perRequest(sum(scavenges, (c) => c.survived))}, promoted ${perRequest(sum(scavenges, (c) => c.promoted))}`
    + ` | mark-compacts ${majors.length} (${sum(majors, (c) => c.pause).toFixed(0)} ms)`;
}

async function measure(label: string, root: string | undefined, options: { rate: number; seconds: number; stream: boolean; nodeArgs: string[]; executors: number }) {
  const pin = pinningAvailable();
  const logDir = mkdtempSync(join(tmpdir(), "xr-gc-"));
  const mock = await startMock(logDir, pin ? "1" : undefined);
  const gcArgs = ["--trace-gc-nvp", ...options.nodeArgs];
  const system = await startXRouter({
    root, upstream: `http://127.0.0.1:${mock.port}/v1`, executors: options.executors, runtime: "compiled",
    cpus: pin ? "0" : undefined, logDir, label, env: { LOG_LEVEL: "info" },
    nodeArgs: { gateway: gcArgs, executor: gcArgs, ledger: gcArgs, policy: options.nodeArgs },
  });
  const logs = () => system.processes().filter((p) => SERVICES.some((s) => p.name.startsWith(s)))
    .map((p) => ({ name: p.name, file: p.logFile }));
  let marks = new Map<string, number>();
  let answered = 0;
  try {
    const target = xrouterTarget(system.baseUrl, system.apiKey);
    await runConcurrency(target, 8, 3, options.stream);
    await runRate(target, options.rate, 3, options.stream);
    marks = new Map(logs().map((l) => [l.name, statSync(l.file).size]));
    const load = await runRate(target, options.rate, options.seconds, options.stream);
    answered = load.ok;
    process.stdout.write(`${label}: ${load.ok} answered, ${load.failed} failed at ${options.rate} req/s${options.stream ? " (stream)" : ""} for ${options.seconds} s\n`);
    const ends = new Map(logs().map((l) => [l.name, statSync(l.file).size]));
    for (const l of logs()) {
      const text = readFileSync(l.file).subarray(marks.get(l.name), ends.get(l.name)).toString("utf8");
      process.stdout.write(`  ${l.name.padEnd(12)} ${summariseCollections(collectionsIn(text), answered)}\n`);
    }
  } finally {
    await system.stop();
    await mock.stop();
  }
}

async function main() {
  const args = parseArgs();
  const options = {
    rate: numberArg(args, "rate", 200), seconds: numberArg(args, "seconds", 10), stream: args.has("stream"),
    nodeArgs: (args.get("node-args") ?? "").split(/\s+/).filter(Boolean), executors: numberArg(args, "executors", defaultExecutorCount()),
  };
  await measure("xrouter", args.get("root"), options);
  if (args.has("compare-root")) await measure("xrouter-b", args.get("compare-root"), options);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    process.stderr.write(`bench/gc: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  });
}
