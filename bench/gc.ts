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
import { readFileSync, statSync } from "node:fs";
import { defaultExecutorCount } from "../scripts/lib/service-command.js";
import { numberArg, parseArgs } from "./lib/args.js";
import { percentile, runRate } from "./lib/load.js";
import { startWarmSystem } from "./lib/warm-system.js";

const SERVICES = ["gateway", "executor", "ledger"] as const;

interface Collection { gc: string; pause: number; allocated: number; survived: number; promoted: number }

/** The collections a `--trace-gc-nvp` log reports. */
function collectionsIn(text: string): Collection[] {
  return text.split("\n").filter((line) => line.includes(" pause=")).map((line) => {
    const field = (name: string) => Number(new RegExp(`\\b${name}=([0-9.]+)`).exec(line)?.[1] ?? 0);
    return {
      gc: /\bgc=(\w+)/.exec(line)?.[1] ?? "?", pause: field("pause"),
      allocated: field("allocated"), survived: field("new_space_survived"), promoted: field("promoted"),
    };
  });
}

function summariseCollections(all: Collection[], answered: number): string {
  const scavenges = all.filter((c) => c.gc === "s");
  const majors = all.filter((c) => c.gc === "mc" || c.gc === "mmc");
  const pauses = scavenges.map((c) => c.pause);
  const at = (p: number) => (pauses.length > 0 ? percentile(pauses, p) : 0);
  const sum = (items: Collection[], pick: (c: Collection) => number) => items.reduce((s, c) => s + pick(c), 0);
  const perRequest = (bytes: number) => (answered > 0 ? (bytes / answered / 1024).toFixed(2) : "-");
  return `scavenges ${scavenges.length}, pause p50 ${at(50).toFixed(1)} p90 ${at(90).toFixed(1)} max ${Math.max(0, ...pauses).toFixed(1)}`
    + ` total ${sum(scavenges, (c) => c.pause).toFixed(0)} ms | KiB per request: allocated ${perRequest(sum(scavenges, (c) => c.allocated))},`
    + ` survived ${perRequest(sum(scavenges, (c) => c.survived))}, promoted ${perRequest(sum(scavenges, (c) => c.promoted))}`
    + ` | mark-compacts ${majors.length} (${sum(majors, (c) => c.pause).toFixed(0)} ms)`;
}

async function measure(label: string, root: string | undefined, options: { rate: number; seconds: number; stream: boolean; nodeArgs: string[]; executors: number }) {
  const gcArgs = ["--trace-gc-nvp", ...options.nodeArgs];
  const { system, target, stop } = await startWarmSystem({
    root, label, executors: options.executors, rate: options.rate, stream: options.stream,
    nodeArgs: { gateway: gcArgs, executor: gcArgs, ledger: gcArgs, policy: options.nodeArgs },
  });
  try {
    const logs = system.processes().filter((p) => SERVICES.some((s) => p.name.startsWith(s)));
    const marks = new Map(logs.map((p) => [p.name, statSync(p.logFile).size]));
    const load = await runRate(target, options.rate, options.seconds, options.stream);
    process.stdout.write(`${label}: ${load.ok} answered, ${load.failed} failed at ${options.rate} req/s${options.stream ? " (stream)" : ""} for ${options.seconds} s\n`);
    for (const p of logs) {
      const text = readFileSync(p.logFile).subarray(marks.get(p.name)).toString("utf8");
      process.stdout.write(`  ${p.name.padEnd(12)} ${summariseCollections(collectionsIn(text), load.ok)}\n`);
    }
  } finally {
    await stop();
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

main().catch((error: unknown) => {
  process.stderr.write(`bench/gc: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
