// npm run bench:scale -- [--executors 1,2,4] [--executor-concurrency 2] [--latency-ms 50]
//   [--connections 64] [--seconds 10] [--burst 400] [--root DIR]
//
// Does the executor pool scale out? The mock upstream answers after 50 ms and every executor runs
// at most --executor-concurrency calls at once, so the pool, not the CPU, bounds throughput:
// ideally executors x concurrency / latency requests per second. For each pool size: throughput
// at fixed concurrency, then a burst of --burst requests sent at once while the JetStream
// consumer's lag (calls pending + delivered but unacknowledged) is sampled every 50 ms.
// Nothing is pinned here: every process may use both cores.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { Pool } from "undici";
import { busNames } from "../services/common/src/index.js";
import { numberArg, parseArgs } from "./lib/args.js";
import { percentile, runConcurrency } from "./lib/load.js";
import { chatBody, startMock, xrouterTarget } from "./lib/targets.js";
import { startXRouter } from "./lib/xrouter.js";

const args = parseArgs();
const sizes = (args.get("executors") ?? "1,2,4").split(",").map(Number);
const concurrency = numberArg(args, "executor-concurrency", 2);
const latencyMs = numberArg(args, "latency-ms", 50);
const connections = numberArg(args, "connections", 64);
const seconds = numberArg(args, "seconds", 10);
const burst = numberArg(args, "burst", 400);
const natsUrl = process.env.NATS_URL ?? "127.0.0.1:4222";
const say = (line: string) => process.stdout.write(`${line}\n`);

interface Row { executors: number; ideal: number; rps: number; p50: number; p99: number; failed: number; peakLag: number; drainMs: number; burstP50: number; burstP99: number; burstFailed: number }

async function burstWithLag(baseUrl: string, apiKey: string, prefix: string) {
  const names = busNames(prefix);
  const nc = await connect({ servers: natsUrl });
  const jsm = await jetstreamManager(nc);
  const samples: { t: number; lag: number }[] = [];
  // start from an empty queue: calls the previous phase left behind would count as lag
  const lagNow = async () => {
    try {
      const info = await jsm.consumers.info(names.stream, names.consumer);
      return info.num_pending + info.num_ack_pending;
    } catch { return 0; }
  };
  for (let waited = 0; waited < 30_000 && (await lagNow()) > 0; waited += 100) await new Promise((r) => setTimeout(r, 100));
  let sampling = true;
  const start = performance.now();
  const sampler = (async () => {
    while (sampling) {
      try {
        const info = await jsm.consumers.info(names.stream, names.consumer);
        samples.push({ t: performance.now() - start, lag: info.num_pending + info.num_ack_pending });
      } catch { /* consumer not there yet */ }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const url = new URL(`${baseUrl}/chat/completions`);
  const pool = new Pool(url.origin, { connections: burst });
  const latencies: number[] = [];
  let failed = 0;
  await Promise.all(Array.from({ length: burst }, async () => {
    const t = performance.now();
    try {
      const r = await pool.request({
        method: "POST", path: url.pathname, body: chatBody("router", false),
        headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      });
      await r.body.text();
      if (r.statusCode === 200) latencies.push(performance.now() - t); else failed += 1;
    } catch { failed += 1; }
  }));
  const doneAt = performance.now() - start;
  await new Promise((r) => setTimeout(r, 200));
  sampling = false;
  await sampler;
  await pool.close();
  await nc.close();
  const peak = samples.reduce((m, s) => Math.max(m, s.lag), 0);
  const lastBusy = [...samples].reverse().find((s) => s.lag > 0);
  return { peakLag: peak, drainMs: lastBusy ? lastBusy.t : 0, doneAt, latencies, failed };
}

async function main() {
  const logDir = mkdtempSync(join(tmpdir(), "xr-scale-"));
  say(`bench:scale: upstream latency ${latencyMs} ms, ${concurrency} calls per executor, ${connections} client connections, ${seconds} s per size, burst of ${burst}; logs in ${logDir}`);
  const mock = await startMock(logDir, undefined, { MOCK_LATENCY_MS: String(latencyMs) });
  const rows: Row[] = [];
  try {
    for (const n of sizes) {
      const system = await startXRouter({
        root: args.get("root"), upstream: `http://127.0.0.1:${mock.port}/v1`, executors: n, logDir: mkdtempSync(join(logDir, `x${n}-`)),
        label: `scale${n}`, env: { XROUTER_EXECUTOR_CONCURRENCY: String(concurrency), LOG_LEVEL: args.get("log-level") ?? "info" },
      });
      try {
        const target = xrouterTarget(system.baseUrl, system.apiKey);
        await runConcurrency(target, Math.min(connections, 8), 2, false);
        const r = await runConcurrency(target, connections, seconds, false);
        const b = await burstWithLag(system.baseUrl, system.apiKey, system.prefix);
        rows.push({
          executors: n, ideal: (n * concurrency * 1000) / latencyMs, rps: r.rps, p50: r.p50, p99: r.p99, failed: r.failed,
          peakLag: b.peakLag, drainMs: b.drainMs, burstP50: percentile(b.latencies, 50), burstP99: percentile(b.latencies, 99), burstFailed: b.failed,
        });
        say(`  ${n} executor(s): ${r.rps.toFixed(0)} req/s; burst: peak lag ${b.peakLag}, drained after ${b.drainMs.toFixed(0)} ms`);
      } finally {
        await system.stop();
      }
    }
  } finally {
    await mock.stop();
  }
  say("");
  say(`${"executors".padStart(9)}${"ideal/s".padStart(9)}${"req/s".padStart(8)}${"of ideal".padStart(10)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"failed".padStart(8)} | ${"burst".padStart(6)}${"peak lag".padStart(10)}${"drain ms".padStart(10)}${"p50 ms".padStart(8)}${"p99 ms".padStart(8)}${"failed".padStart(8)}`);
  for (const r of rows) {
    say(`${String(r.executors).padStart(9)}${r.ideal.toFixed(0).padStart(9)}${r.rps.toFixed(0).padStart(8)}${`${(100 * r.rps / r.ideal).toFixed(0)}%`.padStart(10)}${r.p50.toFixed(0).padStart(8)}${r.p99.toFixed(0).padStart(8)}${String(r.failed).padStart(8)} | ${String(burst).padStart(6)}${String(r.peakLag).padStart(10)}${r.drainMs.toFixed(0).padStart(10)}${r.burstP50.toFixed(0).padStart(8)}${r.burstP99.toFixed(0).padStart(8)}${String(r.burstFailed).padStart(8)}`);
  }
  if (rows.length > 1) {
    const first = rows[0]!;
    for (const r of rows.slice(1)) say(`scaling ${first.executors} -> ${r.executors} executors: ${(r.rps / first.rps).toFixed(2)}x throughput (ideal ${(r.executors / first.executors).toFixed(0)}x)`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:scale failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
