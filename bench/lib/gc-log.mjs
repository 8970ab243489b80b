// Preloaded into a service by `bench/tails.ts` (node --import): every garbage collection's start
// (epoch ms), duration and kind, one line each, appended to $XR_GC_LOG, so that slow requests can
// be set against the pauses of each process. Plain JavaScript so the compiled services load it
// without tsx.
import { appendFileSync } from "node:fs";
import { constants, performance, PerformanceObserver } from "node:perf_hooks";

const file = process.env.XR_GC_LOG;
const KINDS = { [constants.NODE_PERFORMANCE_GC_MINOR]: "minor", [constants.NODE_PERFORMANCE_GC_MAJOR]: "major",
  [constants.NODE_PERFORMANCE_GC_INCREMENTAL]: "incremental", [constants.NODE_PERFORMANCE_GC_WEAKCB]: "weakcb" };
if (file) {
  new PerformanceObserver((list) => {
    let lines = "";
    for (const entry of list.getEntries()) {
      lines += `${(performance.timeOrigin + entry.startTime).toFixed(2)} ${entry.duration.toFixed(3)} ${KINDS[entry.detail?.kind] ?? entry.detail?.kind}\n`;
    }
    appendFileSync(file, lines);
  }).observe({ entryTypes: ["gc"] });
}
