// node --import tsx bench/syscalls.ts [--seconds 10] [--rate 50] [--stream] [--root DIR]
//
// How many system calls a routed request costs each process. On a VM where a system call or a
// wake-up is expensive (this one: page-table isolation under nested virtualisation), that count,
// more than JavaScript, sets the CPU and the latency of a request at moderate rates. Starts the
// whole system (as bench:overhead does), warms it up, attaches `strace -c -f` to every service
// and to nats-server for a fixed-rate load, and prints calls per answered request by syscall.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { numberArg, parseArgs } from "./lib/args.js";
import { defaultExecutorCount } from "../scripts/lib/service-command.js";
import { runConcurrency, runRate } from "./lib/load.js";
import { pinningAvailable, pinProcess } from "./lib/procs.js";
import { startMock, xrouterTarget } from "./lib/targets.js";
import { startXRouter } from "./lib/xrouter.js";

/** strace -c's table: syscall name to calls. */
function parseSummary(text: string): Map<string, number> {
  const calls = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^\s*[\d.]+\s+[\d.]+\s+\d+\s+(\d+)\s+(?:\d+\s+)?(\w+)\s*$/.exec(line);
    if (m && m[2] !== "total") calls.set(m[2]!, Number(m[1]));
  }
  return calls;
}

async function main() {
  const args = parseArgs();
  const seconds = numberArg(args, "seconds", 10);
  const rate = numberArg(args, "rate", 50);
  const stream = args.has("stream");
  // --detail: reads and writes of the Node services by socket peer (port), instead of the summary
  const detail = args.has("detail");
  let sockets = "";
  const pin = pinningAvailable() && !args.has("no-pin");
  if (pin) pinProcess(process.pid, "1");
  const logDir = mkdtempSync(join(tmpdir(), "xr-syscalls-"));
  const mock = await startMock(logDir, pin ? "1" : undefined);
  const system = await startXRouter({
    root: args.get("root"), upstream: `http://127.0.0.1:${mock.port}/v1`, executors: numberArg(args, "executors", defaultExecutorCount()),
    runtime: "compiled", cpus: pin ? "0" : undefined, logDir, label: "syscalls", env: { LOG_LEVEL: "info" },
  });
  const target = xrouterTarget(system.baseUrl, system.apiKey);
  const tracers: { name: string; pid: number; file: string; child: ChildProcess }[] = [];
  let answered = 0;
  try {
    await runConcurrency(target, 8, 3, stream);
    const natsPid = execFileSync("pgrep", ["-o", "nats-server"], { encoding: "utf8" }).trim();
    const pids: [string, number][] = [...system.processes().map((p) => [p.name, p.pid] as [string, number]), ["nats-server", Number(natsPid)]];
    for (const [name, pid] of pids) {
      const file = join(logDir, `${name}.strace`);
      const mode = detail && name !== "nats-server" ? ["-e", "trace=read,write,writev,readv"] : ["-c"];
      const child = spawn("strace", [...mode, "-f", "-o", file, "-p", String(pid)], { stdio: "ignore" });
      tracers.push({ name, pid, file, child });
    }
    await new Promise((r) => setTimeout(r, 1000));
    const r = await runRate(target, rate, seconds, stream);
    answered = r.ok;
    process.stdout.write(`load: ${r.ok} answered, ${r.failed} failed at ${rate} req/s${stream ? " (stream)" : ""} for ${seconds} s (under strace: slower than untraced)\n`);
    await new Promise((r) => setTimeout(r, 300));
    if (detail) sockets = execFileSync("ss", ["-tnpH"], { encoding: "utf8" });
  } finally {
    await Promise.all(tracers.map((t) => new Promise<void>((resolve) => { t.child.once("exit", () => resolve()); t.child.kill("SIGINT"); })));
    await system.stop();
    await mock.stop();
  }
  for (const t of tracers) {
    if (detail && t.name !== "nats-server") {
      const pid = String(t.pid);
      const peerOf = new Map<string, string>();
      for (const line of sockets.split("\n")) {
        for (const m of line.matchAll(/pid=(\d+),fd=(\d+)/g)) if (m[1] === pid) peerOf.set(m[2]!, line.trim().split(/\s+/)[4]!.replace("127.0.0.1:", ":"));
      }
      const counts = new Map<string, number>();
      for (const line of readFileSync(t.file, "utf8").split("\n")) {
        const m = /^\d+\s+(read|write|writev|readv)\((\d+),/.exec(line);
        if (!m) continue;
        const key = `${m[1]} ${peerOf.get(m[2]!) ?? `fd ${m[2]}`}`;
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
      const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k, v]) => `${k} ${(v / answered).toFixed(2)}`).join(", ");
      process.stdout.write(`${t.name.padEnd(12)} per request: ${top}\n`);
      continue;
    }
    const calls = parseSummary(readFileSync(t.file, "utf8"));
    const total = [...calls.values()].reduce((a, b) => a + b, 0);
    const top = [...calls].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([k, v]) => `${k} ${(v / answered).toFixed(1)}`).join(", ");
    process.stdout.write(`${t.name.padEnd(12)} ${(total / answered).toFixed(1).padStart(6)} syscalls/request: ${top}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`syscalls failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
