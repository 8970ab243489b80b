// npm run bench:timeline -- [--rate 50] [--requests 400] [--warm 50] [--stream] [--queued]
//
// Where a request's time goes between the processes, to the microsecond: the gateway and the
// executor stamp points on its path with the monotonic clock all processes share (common's
// telemetry/timeline.ts, a diagnostics channel recorded by bench/lib/timeline-recorder.mjs,
// preloaded), and the driver stamps when it sent the request and when it saw the answer (plain)
// or its first token (--stream). Prints each segment's p50, p90 and mean over the requests.
// Pinned as bench:overhead pins: the services on CPU 0, the mock and the driver on CPU 1.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Pool } from "undici";
import { numberArg, parseArgs } from "./lib/args.js";
import { percentile } from "./lib/load.js";
import { pinningAvailable, pinProcess } from "./lib/procs.js";
import { chatBody, startMock, startQueuedProxy } from "./lib/targets.js";
import { startXRouter } from "./lib/xrouter.js";

const RECORDER = fileURLToPath(new URL("./lib/timeline-recorder.mjs", import.meta.url));
const FIRST_TOKEN = /"content":"[^"]/;

/** The points of a request in the order it passes them; "sent" and "seen" are the driver's. */
const CHAINS = {
  stream: ["sent", "http.arrived", "gateway.request", "gateway.decided", "gateway.publish", "executor.received", "executor.provider",
    "executor.first_token", "executor.delta_sent", "gateway.first_delta", "gateway.first_write", "seen"],
  plain: ["sent", "http.arrived", "gateway.request", "gateway.decided", "gateway.publish", "executor.received", "executor.provider",
    "executor.result_sent", "gateway.result", "http.finished", "seen"],
} as const;
/** Stamped under the call's id (the rest under the request's). */
const BY_CALL = new Set(["executor.received", "executor.provider", "executor.first_token", "executor.delta_sent", "executor.result_sent",
  "gateway.first_delta", "gateway.result"]);

interface Driven { requestId: string; sent: bigint; seen: bigint }

async function drive(baseUrl: string, apiKey: string, stream: boolean, rate: number, count: number, concurrent: number): Promise<Driven[]> {
  const url = new URL(baseUrl);
  const pool = new Pool(url.origin, { connections: 128 });
  const body = chatBody("router", stream);
  const driven: Driven[] = [];
  const one = async () => {
    const sent = process.hrtime.bigint();
    const res = await pool.request({
      method: "POST", path: `${url.pathname}/chat/completions`, body,
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    });
    let seen = 0n;
    let text = "";
    for await (const chunk of res.body) {
      if (stream && seen === 0n) {
        text += (chunk as Buffer).toString("utf8");
        if (FIRST_TOKEN.test(text)) seen = process.hrtime.bigint();
      }
    }
    if (!stream) seen = process.hrtime.bigint();
    if (res.statusCode === 200 && seen > 0n) driven.push({ requestId: String(res.headers["x-xrouter-request-id"]), sent, seen });
  };
  const start = performance.now();
  const pending: Array<Promise<void>> = [];
  for (let i = 0; i < count; i += 1) {
    if (rate > 0) {
      const wait = start + (i * 1000) / rate - performance.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      pending.push(one());
    } else {
      pending.push(one());
      if (pending.length % concurrent === 0) await Promise.all(pending.splice(0));
    }
  }
  await Promise.all(pending);
  await pool.close();
  return driven;
}

function stampsFrom(file: string): { stamps: Map<string, bigint>; callsOf: Map<string, string[]>; followed: Set<string> } {
  const stamps = new Map<string, bigint>();
  const callsOf = new Map<string, string[]>();
  const followed = new Set<string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const [point, id, ns, callId] = line.split(" ");
    if (!point || !id || !ns) continue;
    if (point.endsWith("+yield")) followed.add(point.slice(0, -"+yield".length));
    // the first stamp of a point counts (a retried call is published again, a stream writes many times)
    if (!stamps.has(`${point} ${id}`)) stamps.set(`${point} ${id}`, BigInt(ns));
    if (callId) callsOf.set(id, [...(callsOf.get(id) ?? []), callId]);
  }
  return { stamps, callsOf, followed };
}

async function main() {
  const args = parseArgs();
  const rate = numberArg(args, "rate", 50);
  const requests = numberArg(args, "requests", 400);
  const warm = numberArg(args, "warm", 50);
  const stream = args.has("stream");
  const queued = args.has("queued");
  const logDir = mkdtempSync(join(tmpdir(), "xr-timeline-"));
  const log = join(logDir, "timeline.log");
  const pin = pinningAvailable();
  if (pin) pinProcess(process.pid, "1");
  const mock = await startMock(logDir, pin ? "1" : undefined);
  const preload = ["--import", RECORDER];
  // --queued: the bare queued proxy (lib/queued-proxy.ts) stamps the same points, for what xrouter's
  // hops take with no logic in them
  const system = queued
    ? await startQueuedProxy(logDir, pin ? "0" : undefined, `http://127.0.0.1:${mock.port}`, { XR_TIMELINE_LOG: log }, preload)
      .then(([front, worker]) => ({
        baseUrl: `http://127.0.0.1:${front!.port}/v1`, apiKey: "sk-bench",
        stop: async () => { await front!.stop(); await worker!.stop(); },
      }))
    : await startXRouter({
      upstream: `http://127.0.0.1:${mock.port}/v1`, logDir, cpus: pin ? "0" : undefined, executors: 1,
      env: { XR_TIMELINE_LOG: log }, nodeArgs: { gateway: preload, executor: preload },
    });
  try {
    await drive(system.baseUrl, system.apiKey, stream, 0, warm, 16);
    rmSync(log, { force: true });
    const driven = await drive(system.baseUrl, system.apiKey, stream, rate, requests, 0);
    await new Promise((r) => setTimeout(r, 1200));
    const { stamps, callsOf, followed } = stampsFrom(log);
    const chain = CHAINS[stream ? "stream" : "plain"];
    const segments = new Map<string, number[]>(chain.slice(1).map((p, i) => [`${chain[i]} -> ${p}`, []]));
    const totals: number[] = [];
    let complete = 0;
    for (const d of driven) {
      const calls = callsOf.get(d.requestId);
      if (calls?.length !== 1) continue; // one call per request: the chain is that call's
      const at = chain.map((p) => (p === "sent" ? d.sent : p === "seen" ? d.seen : stamps.get(`${p} ${BY_CALL.has(p) ? calls[0] : d.requestId}`)));
      if (at.some((t) => t === undefined)) continue;
      complete += 1;
      for (let i = 1; i < chain.length; i += 1) segments.get(`${chain[i - 1]} -> ${chain[i]}`)!.push(Number(at[i]! - at[i - 1]!) / 1e6);
      totals.push(Number(d.seen - d.sent) / 1e6);
    }
    console.log(`bench:timeline: ${requests} ${stream ? "streamed " : ""}requests at ${rate} req/s after ${warm} warm-up requests; `
      + `${complete} with every stamp; services on ${pin ? "CPU 0, mock and driver on CPU 1" : "any CPU"}`);
    console.log(`${"segment (ms)".padEnd(52)}${"p50".padStart(8)}${"p90".padStart(8)}${"mean".padStart(8)}`);
    const row = (name: string, v: number[]) => console.log(`${name.padEnd(52)}${percentile(v, 50).toFixed(3).padStart(8)}`
      + `${percentile(v, 90).toFixed(3).padStart(8)}${(v.reduce((a, b) => a + b, 0) / Math.max(1, v.length)).toFixed(3).padStart(8)}`);
    for (const [name, values] of segments) row(name, values);
    row(stream ? "total: sent -> first token seen" : "total: sent -> answer read", totals);
    // how long a process kept the core after handing the request on (all our services share one),
    // and when what it published there was written to NATS
    console.log("after a point, in the same process (ms)");
    // the points the recorder follows this way are those it stamped a "+yield" for
    for (const point of chain.filter((p) => followed.has(p))) {
      const held: number[] = [];
      const writes: number[] = [];
      for (const d of driven) {
        const calls = callsOf.get(d.requestId);
        if (calls?.length !== 1) continue;
        const id = BY_CALL.has(point) ? calls[0] : d.requestId;
        const from = stamps.get(`${point} ${id}`);
        const to = stamps.get(`${point}+yield ${id}`);
        const written = stamps.get(`${point}+written ${id}`);
        if (from !== undefined && to !== undefined) held.push(Number(to - from) / 1e6);
        if (from !== undefined && written !== undefined) writes.push(Number(written - from) / 1e6);
      }
      row(`${point} -> its next write to NATS returned`, writes);
      row(`${point} -> its turn ends`, held);
    }
  } finally {
    await system.stop();
    await mock.stop();
  }
}

await main();
