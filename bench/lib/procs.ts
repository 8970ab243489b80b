// Child processes for the benchmarks: spawned pinned to a core (taskset, when there is one and
// the machine has more than one core), their output in a log file rather than a pipe (so the
// parent spends nothing on it and a full pipe never blocks them), a JSON "ready" line awaited,
// and their CPU time and memory read from /proc.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { closeSync, existsSync, openSync, readFileSync, readSync } from "node:fs";
import { availableParallelism } from "node:os";

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ); 100 on every Linux build in use. */
const CLK_TCK = Number(spawnSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).stdout.trim()) || 100;

const TASKSET = ["/usr/bin/taskset", "/bin/taskset"].find((p) => existsSync(p));

/** Pinning needs taskset and at least two cores (one for the target, one for the load). */
export function pinningAvailable(): boolean {
  return TASKSET !== undefined && availableParallelism() >= 2;
}

/** Pins a running process (every thread) to one CPU list, e.g. "1" or "0,1". */
export function pinProcess(pid: number, cpus: string): boolean {
  if (!TASKSET) return false;
  return spawnSync(TASKSET, ["-a", "-p", "-c", cpus, String(pid)], { stdio: "ignore" }).status === 0;
}

export interface Managed {
  name: string;
  pid: number;
  child: ChildProcess;
  port: number;
  logFile: string;
  exited: Promise<number | null>;
  /** Sends the signal (default SIGTERM) and waits for the exit; SIGKILL after `graceMs`. */
  stop(signal?: NodeJS.Signals, graceMs?: number): Promise<number | null>;
  alive(): boolean;
}

export interface SpawnOptions {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** CPU list for taskset -c; undefined: not pinned. */
  cpus?: string;
  logFile: string;
  /** Wait for a JSON line with msg "ready" (its `port` is returned); false: do not wait. */
  waitReady?: boolean | { timeoutMs?: number; match?: (line: string) => boolean; port?: number };
}

function readNewLines(fd: number, state: { offset: number; partial: string }): string[] {
  const buffer = Buffer.alloc(64 * 1024);
  const lines: string[] = [];
  for (;;) {
    const n = readSync(fd, buffer, 0, buffer.length, state.offset);
    if (n <= 0) break;
    state.offset += n;
    state.partial += buffer.subarray(0, n).toString("utf8");
    let nl: number;
    while ((nl = state.partial.indexOf("\n")) >= 0) {
      lines.push(state.partial.slice(0, nl));
      state.partial = state.partial.slice(nl + 1);
    }
  }
  return lines;
}

export async function spawnManaged(options: SpawnOptions): Promise<Managed> {
  const out = openSync(options.logFile, "a");
  const [command, args] = options.cpus !== undefined && TASKSET
    ? [TASKSET, ["-c", options.cpus, options.command, ...options.args]]
    : [options.command, options.args];
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries({ ...process.env, ...options.env })) if (v !== undefined) env[k] = v;
  const child = spawn(command, args, { cwd: options.cwd, env, stdio: ["ignore", out, out] });
  closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? (signal ? 128 : null))));
  let exitCode: number | null | undefined;
  void exited.then((c) => { exitCode = c; });
  const ready = options.waitReady ?? true;
  let port = typeof ready === "object" ? ready.port ?? 0 : 0;
  if (ready) {
    const timeoutMs = typeof ready === "object" ? ready.timeoutMs ?? 60_000 : 60_000;
    const match = typeof ready === "object" ? ready.match : undefined;
    const fd = openSync(options.logFile, "r");
    const state = { offset: 0, partial: "" };
    const deadline = Date.now() + timeoutMs;
    try {
      for (;;) {
        let found = false;
        for (const line of readNewLines(fd, state)) {
          if (match) { if (match(line)) { found = true; break; } continue; }
          if (!line.startsWith("{")) continue;
          try {
            const entry = JSON.parse(line) as { msg?: string; port?: number };
            if (entry.msg === "ready") { port = entry.port ?? port; found = true; break; }
          } catch { /* not JSON */ }
        }
        if (found) break;
        if (exitCode !== undefined) throw new Error(`${options.name} exited (${exitCode}) before it was ready; see ${options.logFile}:\n${tail(options.logFile)}`);
        if (Date.now() > deadline) {
          child.kill("SIGKILL");
          throw new Error(`${options.name} not ready within ${timeoutMs} ms; see ${options.logFile}:\n${tail(options.logFile)}`);
        }
        await new Promise((r) => setTimeout(r, 25));
      }
    } finally {
      closeSync(fd);
    }
  }
  const alive = () => exitCode === undefined && child.exitCode === null && child.signalCode === null;
  return {
    name: options.name, pid: child.pid!, child, port, logFile: options.logFile, exited, alive,
    async stop(signal: NodeJS.Signals = "SIGTERM", graceMs = 10_000) {
      if (!alive()) return exited;
      child.kill(signal);
      const timer = setTimeout(() => { if (alive()) child.kill("SIGKILL"); }, graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

export function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}

/** utime + stime of a process in microseconds; undefined once it is gone. */
export function cpuMicros(pid: number): number | undefined {
  const fields = statFields(pid);
  // fields[0] is field 3 (state): utime is field 14, stime field 15
  return fields && ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

/** Minor page faults of a process so far (field 10 of /proc/<pid>/stat); undefined once it is gone. */
export function minorFaults(pid: number): number | undefined {
  const fields = statFields(pid);
  return fields && Number(fields[7]);
}

/** The fields of /proc/<pid>/stat from field 3 (state) on, past the command name (which may hold spaces). */
function statFields(pid: number): string[] | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return undefined;
  }
}

/** Current and peak resident memory of a process, in MiB. */
export function memoryMiB(pid: number): { rss: number; peak: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+)`, "m").exec(status)?.[1] ?? 0);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return undefined;
  }
}

/** Pids whose command line contains `needle` (e.g. the shared nats-server). */
export function pidsMatching(needle: string): number[] {
  const out = spawnSync("pgrep", ["-f", needle], { encoding: "utf8" });
  return out.stdout.split("\n").map(Number).filter((n) => n > 0 && n !== process.pid);
}

/** CPU time of a set of processes over a stretch of work. */
export class CpuMeter {
  private readonly start = new Map<number, number>();

  constructor(private readonly pids: () => Map<string, number[]>) {
    for (const list of pids().values()) for (const pid of list) this.start.set(pid, cpuMicros(pid) ?? 0);
  }

  /** Microseconds of CPU per named group since construction (processes that appeared later count from 0). */
  read(): Map<string, number> {
    const out = new Map<string, number>();
    for (const [name, list] of this.pids()) {
      let sum = 0;
      for (const pid of list) {
        const now = cpuMicros(pid);
        if (now !== undefined) sum += now - (this.start.get(pid) ?? 0);
      }
      out.set(name, sum);
    }
    return out;
  }
}

/** The pid of the process listening on a TCP port of this machine (ss -ltnp), e.g. the NATS server a URL names. */
export function listenerPid(port: number): number | undefined {
  const out = spawnSync("ss", ["-ltnpH", `sport = :${port}`], { encoding: "utf8" }).stdout ?? "";
  const pid = /pid=(\d+)/.exec(out)?.[1];
  return pid ? Number(pid) : undefined;
}
