// How a service process is started, in one place for `npm start`, the benchmarks and the tests.
// `compiled`: the JavaScript that `npm run build` (tsc -p tsconfig.build.json) writes to dist/;
// what `npm start`, the benchmarks and the image run. `tsx`: the TypeScript sources through the
// tsx loader; what the tests run, so they never test a stale build. tsx costs every process
// ~36 MiB of resident memory (its loader runs in a thread of its own) and its start-up time.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";

export type ServiceName = "gateway" | "policy" | "executor" | "ledger";
export type Runtime = "compiled" | "tsx";

/**
 * V8 optimises a function after it has run a while (66 KiB of bytecode), and not before 500 calls
 * after any of its inline caches last changed. A request's code runs a few hundred times a second
 * at a moderate rate, so after each new shape (a streamed request after plain ones, a deopt) it ran
 * unoptimised for seconds, and cold code is most of what a request costs at 50 a second. Tiering
 * up sooner: in five same-run A/B runs (two of them with one of the two flags) the streamed first
 * token at 50 req/s came 0.14 to 0.33 ms sooner and the median at 200 req/s 0.05 to 0.20 ms
 * (bench/README.md, session 14).
 */
export const JIT_FLAGS: readonly string[] = ["--minimum-invocations-after-ic-update=20", "--interrupt-budget=8192"];

/** Node arguments, relative to the repository root (the child's cwd). */
export function serviceArgs(name: ServiceName, runtime: Runtime): string[] {
  // An 8 MiB young generation, so that a request's objects die young instead of being promoted,
  // and old space allowed to grow to 1.5x what survived the last full collection instead of up
  // to 4x: less GC work and a lower peak RSS together (bench/README.md, session 6)
  const heap = ["--max-semi-space-size=8", "--heap-growing-percent=50"];
  return runtime === "compiled"
    ? [...heap, ...JIT_FLAGS, "--import", "./dist/services/common/src/telemetry/register.js", `dist/services/${name}/src/main.js`]
    : [...heap, ...JIT_FLAGS, "--import", "tsx", "--import", "./services/common/src/telemetry/register.ts", `services/${name}/src/main.ts`];
}

/**
 * Environment every service process starts with, under whatever the operator set. glibc's malloc
 * keeps memory freed at the top of its heap up to a trim threshold that grows with the largest
 * block ever freed (up to 32 MiB), so what a service's start-up used once (the parser's zones for
 * the tokenizer's tables: ~12 MiB in the executor) stayed resident for good; a fixed 128 KiB
 * threshold hands it back. Same run (bench:overhead --compare-env): the executor's peak RSS 135
 * against 152 MiB, no more CPU per request (bench/README.md, session 8).
 */
export const SERVICE_ENV: Readonly<Record<string, string>> = { MALLOC_TRIM_THRESHOLD_: "131072" };

/**
 * The scheduling niceness of each service where they share cores (`npm start`, the benchmarks).
 * The policy and the ledger are off a request's path when the gateway decides in-process and the
 * key has no budget: the ledger takes the records from a stream and the policy is asked only by the
 * router-LLM backends. Yet their garbage collections (the ledger's mark-compacts of 30 to 40 ms, the
 * idle policy's memory-reducer collections) took the core the gateway and the executor needed, and
 * were what the slowest 1 % of requests at 200 req/s overlapped (bench/README.md, sessions 8 and
 * 10). At niceness 10 the kernel gives them a tenth of a contended core and lets a woken gateway or
 * executor preempt them; an idle core they still get at once, so a Reserve of a budgeted key waits
 * only when the core is busy. Under Kubernetes each service has a CPU request of its own and this
 * does not apply. XROUTER_SERVICE_NICENESS ("ledger=0,policy=5") overrides it.
 */
export const SERVICE_NICENESS: Readonly<Record<ServiceName, number>> = { gateway: 0, executor: 0, policy: 10, ledger: 10 };

const SERVICE_NAMES: readonly ServiceName[] = ["gateway", "policy", "executor", "ledger"];

/** SERVICE_NICENESS with the overrides of `spec` ("ledger=0,policy=5"); throws on anything else. */
export function serviceNiceness(spec: string | undefined): Record<ServiceName, number> {
  const niceness = { ...SERVICE_NICENESS };
  for (const entry of (spec ?? "").split(",").map((e) => e.trim()).filter(Boolean)) {
    const match = /^(gateway|policy|executor|ledger)=(-?\d+)$/.exec(entry);
    const value = match ? Number(match[2]) : NaN;
    if (!match || value < -20 || value > 19) {
      throw new Error(`XROUTER_SERVICE_NICENESS: '${entry}' is not <service>=<niceness -20..19> (services: ${SERVICE_NAMES.join(", ")})`);
    }
    niceness[match[1] as ServiceName] = value;
  }
  return niceness;
}

const NICE = ["/usr/bin/nice", "/bin/nice"].find((p) => existsSync(p));

/**
 * The command line that starts `command` at `niceness`: through nice(1), so that every thread
 * of the process (V8's collector threads too) starts at it, which a later setpriority of the pid
 * would not do. Where nice(1) is missing the process runs at the parent's niceness.
 */
export function nicedCommand(niceness: number, command: string, args: string[]): [string, string[]] {
  return niceness === 0 || !NICE ? [command, args] : [NICE, ["-n", String(niceness), command, ...args]];
}

/** Compiles the services into root/dist (incremental: seconds when little changed); throws with tsc's output on an error. */
export function buildServices(root: string): void {
  const tsc = createRequire(join(root, "package.json")).resolve("typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: root, encoding: "utf8" });
  if (run.status !== 0) throw new Error(`npm run build failed:\n${run.stdout}${run.stderr}`);
}

/**
 * Executor processes `npm start` (and the benchmarks) run over NATS unless XROUTER_EXECUTORS says:
 * one per two cores, at most four. Where every service shares one or two cores a second executor
 * only adds wake-ups: measured here, +2.42 against +3.77 ms at the median at 200 req/s and 976
 * against 833 req/s at 32 connections (bench/README.md).
 */
export function defaultExecutorCount(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, Math.floor(cores / 2)));
}
