// How a service process is started, in one place for `npm start`, the benchmarks and the tests.
// `compiled`: the JavaScript that `npm run build` (tsc -p tsconfig.build.json) writes to dist/;
// what `npm start`, the benchmarks and the image run. `tsx`: the TypeScript sources through the
// tsx loader; what the tests run, so they never test a stale build. tsx costs every process
// ~36 MiB of resident memory (its loader runs in a thread of its own) and its start-up time.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { availableParallelism } from "node:os";
import { join } from "node:path";

export type ServiceName = "gateway" | "policy" | "executor" | "ledger";
export type Runtime = "compiled" | "tsx";

/** Node arguments, relative to the repository root (the child's cwd). */
export function serviceArgs(name: ServiceName, runtime: Runtime): string[] {
  // An 8 MiB young generation, so that a request's objects die young instead of being promoted,
  // and old space allowed to grow to 1.5x what survived the last full collection instead of up
  // to 4x: less GC work and a lower peak RSS together (bench/README.md, session 6)
  const heap = ["--max-semi-space-size=8", "--heap-growing-percent=50"];
  return runtime === "compiled"
    ? [...heap, "--import", "./dist/services/common/src/telemetry/register.js", `dist/services/${name}/src/main.js`]
    : [...heap, "--import", "tsx", "--import", "./services/common/src/telemetry/register.ts", `services/${name}/src/main.ts`];
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
