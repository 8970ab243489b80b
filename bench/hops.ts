// node --import tsx bench/hops.ts [--requests 300] [--rate 20] [--stream] [--root DIR]
//
// Where the latency of a routed request goes, hop by hop, from the system's own trace spans: the
// services export OTLP/HTTP JSON to a collector in this process, and for each complete trace the
// gaps between span boundaries are measured (the services share one clock on one machine):
//   gateway before the decision | decision (in-process, or the Decide RPC) | until publish |
//   JetStream publish + ack | queue to executor | executor before the provider | provider (mock) |
//   after the provider (result stored in KV, which is the answer, and the gateway's reply).
// Recording the call (a batch on the records stream, written by the ledger) happens after the
// answer and is shown apart.
// Tracing itself costs time: compare the total with bench:overhead's figures (tracing off).
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { numberArg, parseArgs } from "./lib/args.js";
import { percentile, runRate } from "./lib/load.js";
import { startMock, xrouterTarget } from "./lib/targets.js";
import { startXRouter } from "./lib/xrouter.js";

interface Span { traceId: string; name: string; kind: number; start: number; end: number; service: string }

async function startCollector() {
  const spans: Span[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { resourceSpans?: any[] };
        for (const rs of body.resourceSpans ?? []) {
          const service = String(rs.resource?.attributes?.find((a: any) => a.key === "service.name")?.value?.stringValue ?? "");
          for (const ss of rs.scopeSpans ?? []) {
            for (const s of ss.spans ?? []) {
              spans.push({ traceId: s.traceId, name: s.name, kind: s.kind, service, start: Number(BigInt(s.startTimeUnixNano) / 1000n) / 1000, end: Number(BigInt(s.endTimeUnixNano) / 1000n) / 1000 });
            }
          }
        }
      } catch { /* ignore a batch we cannot read */ }
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    spans, close: () => new Promise<void>((r) => server.close(() => r())),
    env: {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${port}`, OTEL_EXPORTER_OTLP_PROTOCOL: "http/json",
      OTEL_TRACES_EXPORTER: "otlp", OTEL_BSP_SCHEDULE_DELAY: "200", OTEL_TRACES_SAMPLER: "always_on",
    },
  };
}

async function main() {
  const args = parseArgs();
  const requests = numberArg(args, "requests", 300);
  const rate = numberArg(args, "rate", 20);
  const stream = args.has("stream");
  const logDir = mkdtempSync(join(tmpdir(), "xr-hops-"));
  const collector = await startCollector();
  const mock = await startMock(logDir, undefined);
  const system = await startXRouter({
    root: args.get("root"), upstream: `http://127.0.0.1:${mock.port}/v1`, logDir, label: "hops", env: collector.env,
  });
  let result;
  try {
    const target = xrouterTarget(system.baseUrl, system.apiKey);
    await runRate(target, rate, 3, stream);
    collector.spans.length = 0;
    result = await runRate(target, rate, requests / rate, stream);
    await new Promise((r) => setTimeout(r, 1500));
  } finally {
    await system.stop();
    await mock.stop();
    await collector.close();
  }
  const byTrace = new Map<string, Span[]>();
  for (const s of collector.spans) byTrace.set(s.traceId, [...(byTrace.get(s.traceId) ?? []), s]);
  const hops = new Map<string, number[]>();
  const add = (name: string, ms: number) => hops.set(name, [...(hops.get(name) ?? []), ms]);
  let complete = 0;
  for (const spans of byTrace.values()) {
    const find = (pred: (s: Span) => boolean) => spans.find(pred);
    const server = find((s) => s.name === "POST /v1/chat/completions");
    const decide = find((s) => (s.name === "policy.decide" || s.name.endsWith("PolicyService/Decide")) && s.service.includes("gateway"));
    const publish = find((s) => s.name.startsWith("publish "));
    const consume = find((s) => s.name.startsWith("process "));
    const chat = find((s) => s.name.startsWith("chat ") && s.service.includes("executor"));
    // a batch of records belongs to the trace of its first call: present in some traces only
    const record = find((s) => s.name === "xrouter.ledger.records write" && s.service.includes("ledger"));
    if (!server || !decide || !publish || !consume || !chat) continue;
    complete += 1;
    add("01 gateway: auth, parse, until the decision", decide.start - server.start);
    add(`02 decision (${decide.name === "policy.decide" ? "in-process" : "gRPC to policy"})`, decide.end - decide.start);
    add("03 gateway: decision to publish", publish.start - decide.end);
    add("04 JetStream publish + ack", publish.end - publish.start);
    add("05 queue to executor (pull delivery)", consume.start - publish.end);
    add("06 executor: before the provider", chat.start - consume.start);
    add("07 provider call (mock, HTTP)", chat.end - chat.start);
    add("08 after the provider: KV put (the answer), reply", server.end - chat.end);
    add("   total (gateway server span)", server.end - server.start);
    add("   total minus provider", server.end - server.start - (chat.end - chat.start));
    if (record) {
      add("   (after the answer) provider end to written", record.end - chat.end);
      add("   (after the answer) ledger's write of a batch", record.end - record.start);
    }
  }
  process.stdout.write(`hops: ${result.ok} requests at ${rate} req/s${stream ? " (stream)" : ""}, ${complete} complete traces; client-side p50 ${percentile(result.latencies, 50).toFixed(2)} ms (tracing on)\n`);
  process.stdout.write(`${"hop".padEnd(48)}${"p50 ms".padStart(9)}${"p90 ms".padStart(9)}${"p99 ms".padStart(9)}\n`);
  for (const [name, values] of [...hops].sort((a, b) => a[0].localeCompare(b[0]))) {
    process.stdout.write(`${name.padEnd(48)}${percentile(values, 50).toFixed(2).padStart(9)}${percentile(values, 90).toFixed(2).padStart(9)}${percentile(values, 99).toFixed(2).padStart(9)}\n`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`hops failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
