// Load generators. Fixed rate: an open-loop schedule (each request's latency is measured from the
// moment it was due, so a slow target cannot hide its queueing), over undici, with time to first
// token for streams. Fixed concurrency: autocannon, N connections each sending as soon as the
// previous answer came back.
import autocannon from "autocannon";
import { Pool } from "undici";

export interface Target {
  name: string;
  /** Origin + path, e.g. http://127.0.0.1:1234/v1/chat/completions */
  url: string;
  headers: Record<string, string>;
  /** The JSON body for a request; `stream` selects the streamed form. */
  body(stream: boolean): string;
}

export interface RateResult {
  sent: number;
  ok: number;
  failed: number;
  statuses: Record<string, number>;
  /** Full response times of the successful requests, ms. */
  latencies: number[];
  /** Streams: time to the first content token, ms. */
  ttft: number[];
  /** Each successful request's scheduled start (epoch ms) and response time (ms), to set against other timelines. */
  timeline: Array<[startedAtMs: number, latencyMs: number]>;
  durationMs: number;
}

const FIRST_TOKEN = /"content":"[^"]/;

/** Sends `rate` requests per second for `seconds`, each at its due time, and measures each. */
export async function runRate(target: Target, rate: number, seconds: number, stream: boolean): Promise<RateResult> {
  const url = new URL(target.url);
  const pool = new Pool(url.origin, { connections: 512, keepAliveTimeout: 30_000 });
  const body = target.body(stream);
  const headers = { "content-type": "application/json", ...target.headers };
  const total = Math.round(rate * seconds);
  const result: RateResult = { sent: 0, ok: 0, failed: 0, statuses: {}, latencies: [], ttft: [], timeline: [], durationMs: 0 };
  const pending: Promise<void>[] = [];
  const one = async (due: number) => {
    let status = 0;
    try {
      const answer = await pool.request({ method: "POST", path: url.pathname, headers, body });
      status = answer.statusCode;
      let firstToken = 0;
      let seen = "";
      for await (const chunk of answer.body) {
        if (stream && firstToken === 0) {
          seen += (chunk as Buffer).toString("utf8");
          if (FIRST_TOKEN.test(seen)) firstToken = performance.now();
          else if (seen.length > 4096) seen = seen.slice(-512);
        }
      }
      const end = performance.now();
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (status === 200) {
        result.ok += 1;
        result.latencies.push(end - due);
        result.timeline.push([performance.timeOrigin + due, end - due]);
        if (stream && firstToken > 0) result.ttft.push(firstToken - due);
      } else {
        result.failed += 1;
      }
    } catch (error) {
      result.failed += 1;
      const key = `error:${(error as Error).name}`;
      result.statuses[key] = (result.statuses[key] ?? 0) + 1;
    }
  };
  const start = performance.now();
  const intervalMs = 1000 / rate;
  let next = 0;
  while (next < total) {
    const now = performance.now();
    while (next < total && start + next * intervalMs <= now) {
      pending.push(one(start + next * intervalMs));
      next += 1;
      result.sent += 1;
    }
    if (next >= total) break;
    const wait = start + next * intervalMs - performance.now();
    await new Promise((r) => setTimeout(r, Math.max(0, Math.min(wait, 5))));
  }
  await Promise.all(pending);
  result.durationMs = performance.now() - start;
  await pool.close();
  return result;
}

export interface ConcurrencyResult {
  requests: number;
  ok: number;
  failed: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  durationS: number;
}

/** `connections` closed-loop connections for `seconds` (autocannon). */
export async function runConcurrency(target: Target, connections: number, seconds: number, stream: boolean): Promise<ConcurrencyResult> {
  const r = await autocannon({
    url: target.url, method: "POST", headers: { "content-type": "application/json", ...target.headers },
    body: target.body(stream), connections, pipelining: 1, duration: seconds, timeout: 30,
  });
  const ok = r["2xx"];
  return {
    requests: r.requests.total, ok, failed: r.non2xx + r.errors + r.timeouts, rps: ok / r.duration,
    p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, durationS: r.duration,
  };
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
