// A fast mock of OpenAI's POST /v1/chat/completions for the benchmarks, run as its own process
// (pinned away from the targets): a fixed answer, plain or streamed, after an optional latency.
// Unlike test/support/fake-openai.ts it keeps nothing per request, so it can run for hours.
//   MOCK_PORT (0), MOCK_LATENCY_MS (0), MOCK_CHUNKS (16 content chunks per stream),
//   MOCK_CHUNK_DELAY_MS (2, between stream chunks)
// Fault injection (for the soak and chaos runs): POST /_mock/fault {"status":429|500,"ratio":0.5,"forMs":5000}.
// GET /_mock/stats answers {"requests":n,"ok":n,"failed":n,"streams":n}.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

const port = Number(process.env.MOCK_PORT ?? 0);
const latencyMs = Number(process.env.MOCK_LATENCY_MS ?? 0);
const chunks = Number(process.env.MOCK_CHUNKS ?? 16);
const chunkDelayMs = Number(process.env.MOCK_CHUNK_DELAY_MS ?? 2);

const stats = { requests: 0, ok: 0, failed: 0, streams: 0 };
let fault: { status: number; ratio: number; until: number } | undefined;

const WORDS = "The quick brown fox jumps over the lazy dog while the router counts every nano dollar it spends".split(" ");
const CONTENT = Array.from({ length: chunks }, (_, i) => `${WORDS[i % WORDS.length]} `);
const FULL_TEXT = CONTENT.join("").trim();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function usage(promptChars: number) {
  const prompt = Math.max(1, Math.ceil(promptChars / 4));
  const completion = chunks;
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function completion(model: string, promptChars: number): string {
  return JSON.stringify({
    id: `chatcmpl-mock-${stats.requests}`, object: "chat.completion", created: Math.floor(Date.now() / 1000), model,
    choices: [{ index: 0, message: { role: "assistant", content: FULL_TEXT }, finish_reason: "stop", logprobs: null }],
    usage: usage(promptChars),
  });
}

async function stream(res: ServerResponse, model: string, promptChars: number, includeUsage: boolean) {
  stats.streams += 1;
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const id = `chatcmpl-mock-${stats.requests}`;
  const created = Math.floor(Date.now() / 1000);
  const send = (delta: object, finish: string | null) => res.write(`data: ${JSON.stringify({
    id, object: "chat.completion.chunk", created, model, choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }],
  })}\n\n`);
  send({ role: "assistant", content: "" }, null);
  for (const piece of CONTENT) {
    if (res.destroyed) return;
    send({ content: piece }, null);
    if (chunkDelayMs > 0) await sleep(chunkDelayMs);
  }
  send({}, "stop");
  if (includeUsage) {
    res.write(`data: ${JSON.stringify({ id, object: "chat.completion.chunk", created, model, choices: [], usage: usage(promptChars) })}\n\n`);
  }
  res.end("data: [DONE]\n\n");
}

function handle(req: IncomingMessage, res: ServerResponse, body: string) {
  if (req.url === "/_mock/stats") {
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(stats));
    return;
  }
  if (req.url === "/_mock/fault") {
    const f = JSON.parse(body || "{}") as { status?: number; ratio?: number; forMs?: number };
    fault = f.status ? { status: f.status, ratio: f.ratio ?? 1, until: Date.now() + (f.forMs ?? 5000) } : undefined;
    res.writeHead(200, { "content-type": "application/json" }).end("{}");
    return;
  }
  stats.requests += 1;
  if (req.method !== "POST" || !req.url?.endsWith("/chat/completions")) {
    res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"not found","type":"invalid_request_error"}}');
    return;
  }
  let parsed: { model?: string; stream?: boolean; stream_options?: { include_usage?: boolean } } = {};
  try {
    parsed = JSON.parse(body) as typeof parsed;
  } catch {
    res.writeHead(400, { "content-type": "application/json" }).end('{"error":{"message":"bad json","type":"invalid_request_error"}}');
    return;
  }
  const answer = () => {
    if (fault && Date.now() < fault.until && Math.random() < fault.ratio) {
      stats.failed += 1;
      const status = fault.status;
      res.writeHead(status, { "content-type": "application/json", ...(status === 429 ? { "retry-after-ms": "50" } : {}) })
        .end(JSON.stringify({ error: { message: `mock ${status}`, type: status === 429 ? "rate_limit_error" : "server_error", param: null, code: null } }));
      return;
    }
    stats.ok += 1;
    const model = parsed.model ?? "mock";
    if (parsed.stream) { void stream(res, model, body.length, parsed.stream_options?.include_usage ?? false); return; }
    const text = completion(model, body.length);
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
  };
  if (latencyMs > 0) setTimeout(answer, latencyMs);
  else answer();
}

const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (c: string) => { body += c; });
  req.on("end", () => handle(req, res, body));
});
server.keepAliveTimeout = 60_000;
server.listen(port, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ msg: "ready", port: (server.address() as AddressInfo).port })}\n`);
});
process.on("SIGTERM", () => server.close(() => process.exit(0)));
// a benchmark that died without stopping us: do not outlive it
setInterval(() => { if (process.ppid === 1) process.exit(0); }, 1000).unref();
