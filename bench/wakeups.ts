// npm run bench:wakeups -- [--rate 200] [--seconds 10] [--stream] [--root DIR] [--proxy] [--node-args="--flag ..."]
//
// How often each thread of each process sleeps and is woken per routed request, read from the
// kernel's own counters (voluntary and involuntary context switches in /proc/<pid>/task/<tid>/
// status) before and after a fixed-rate load. Unlike `bench/syscalls.ts` nothing is attached to
// the processes, so they run at their normal speed and batch as they normally would: on this VM a
// wake-up, not JavaScript, is what a request costs at a moderate rate (bench/README.md, session 7),
// and this counts them exactly. Per process: the main thread's wake-ups (its event loop), those of
// V8's and libuv's worker threads, and the involuntary switches (preempted by another process on
// the shared core), and the minor page faults per request (memory the process touches anew: on
// this VM a fault is a trip through two levels of page tables). --proxy adds the bare passthrough
// proxy, measured the same way after xrouter, as the floor an HTTP hop sets.
import { readdirSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { numberArg, parseArgs } from "./lib/args.js";
import { defaultExecutorCount } from "../scripts/lib/service-command.js";
import { runConcurrency, runRate, type Target } from "./lib/load.js";
import { listenerPid, minorFaults, pinningAvailable } from "./lib/procs.js";
import { proxyTarget, startProxy } from "./lib/targets.js";
import { startWarmSystem } from "./lib/warm-system.js";

interface ThreadCounts { name: string; voluntary: number; involuntary: number }

/** Every thread of a process by tid: its name and context switches so far. */
function threadsOf(pid: number): Map<string, ThreadCounts> {
  const threads = new Map<string, ThreadCounts>();
  let tids: string[] = [];
  try {
    tids = readdirSync(`/proc/${pid}/task`);
  } catch {
    return threads;
  }
  for (const tid of tids) {
    try {
      const status = readFileSync(`/proc/${pid}/task/${tid}/status`, "utf8");
      const field = (key: string) => new RegExp(`^${key}:\\s*(.*)$`, "m").exec(status)?.[1] ?? "";
      threads.set(tid, {
        name: tid === String(pid) ? "main" : field("Name"),
        voluntary: Number(field("voluntary_ctxt_switches")), involuntary: Number(field("nonvoluntary_ctxt_switches")),
      });
    } catch { /* the thread ended */ }
  }
  return threads;
}

interface Row { process: string; main: number; workers: number; workerDetail: string; preempted: number; faults: number }

/** Switches and faults between two readings, per answered request: the main thread apart, workers by name. */
function perRequest(
  process: string, before: Map<string, ThreadCounts>, after: Map<string, ThreadCounts>, faults: number, answered: number,
): Row {
  let main = 0;
  let preempted = 0;
  const workers = new Map<string, number>();
  for (const [tid, now] of after) {
    const then = before.get(tid) ?? { name: now.name, voluntary: 0, involuntary: 0 };
    const woken = now.voluntary - then.voluntary;
    preempted += now.involuntary - then.involuntary;
    if (now.name === "main") main += woken;
    else workers.set(now.name, (workers.get(now.name) ?? 0) + woken);
  }
  const total = [...workers.values()].reduce((a, b) => a + b, 0);
  const workerDetail = [...workers].filter(([, n]) => n / answered >= 0.05).sort((a, b) => b[1] - a[1])
    .map(([name, n]) => `${name.trim()} ${(n / answered).toFixed(2)}`).join(", ");
  return { process, main: main / answered, workers: total / answered, workerDetail, preempted: preempted / answered, faults: faults / answered };
}

async function measure(target: Target, pids: [string, number][], rate: number, seconds: number, stream: boolean): Promise<Row[]> {
  const before = new Map(pids.map(([name, pid]) => [name, threadsOf(pid)]));
  const faultsBefore = new Map(pids.map(([name, pid]) => [name, minorFaults(pid) ?? 0]));
  const load = await runRate(target, rate, seconds, stream);
  // what the last requests left (records, acks) settles within the linger windows
  await new Promise((r) => setTimeout(r, 300));
  const rows = pids.map(([name, pid]) =>
    perRequest(name, before.get(name)!, threadsOf(pid), (minorFaults(pid) ?? 0) - faultsBefore.get(name)!, load.ok));
  process.stdout.write(`${target.name}: ${load.ok} answered, ${load.failed} failed at ${rate} req/s${stream ? " (stream)" : ""} for ${seconds} s\n`);
  return rows;
}

function print(rows: Row[]): void {
  process.stdout.write(`${"process".padEnd(16)}${"main".padStart(7)}${"workers".padStart(9)}${"preempted".padStart(11)}${"faults".padStart(9)}  workers by name\n`);
  for (const r of rows) {
    process.stdout.write(`${r.process.padEnd(16)}${r.main.toFixed(2).padStart(7)}${r.workers.toFixed(2).padStart(9)}${r.preempted.toFixed(2).padStart(11)}${r.faults.toFixed(1).padStart(9)}  ${r.workerDetail}\n`);
  }
}

async function main() {
  const args = parseArgs();
  const rate = numberArg(args, "rate", 200);
  const seconds = numberArg(args, "seconds", 10);
  const stream = args.has("stream");
  const nodeArgs = (args.get("node-args") ?? "").split(/\s+/).filter(Boolean);
  const warm = await startWarmSystem({
    root: args.get("root"), label: "wakeups", executors: numberArg(args, "executors", defaultExecutorCount()), rate, stream,
    nodeArgs: { gateway: nodeArgs, executor: nodeArgs, ledger: nodeArgs, policy: nodeArgs },
  });
  const natsPort = Number(/:(\d+)$/.exec(process.env.NATS_URL ?? "127.0.0.1:4222")?.[1] ?? 4222);
  const natsPid = listenerPid(natsPort) ?? Number(execFileSync("pgrep", ["-o", "nats-server"], { encoding: "utf8" }).trim());
  try {
    const pids: [string, number][] = [...warm.system.processes().map((p) => [p.name, p.pid] as [string, number]), ["nats-server", natsPid]];
    process.stdout.write(`wake-ups (voluntary context switches) and preemptions per answered request${pinningAvailable() ? "; services on CPU 0, load and mock on CPU 1" : ""}\n`);
    print(await measure(warm.target, pids, rate, seconds, stream));
    if (args.has("proxy")) {
      const proxy = await startProxy(warm.logDir, pinningAvailable() ? "0" : undefined, `http://127.0.0.1:${warm.mock.port}`);
      try {
        const target = proxyTarget(proxy.port);
        await runConcurrency(target, 8, 2, stream);
        print(await measure(target, [["proxy", proxy.pid]], rate, seconds, stream));
      } finally {
        await proxy.stop();
      }
    }
  } finally {
    await warm.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
