// The baseline: a bare Node passthrough proxy with no logic. node:http in front, one undici
// keep-alive Pool to the upstream behind, bodies streamed through both ways.
//   PROXY_UPSTREAM (origin, required), PROXY_PORT (0)
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Pool } from "undici";

const upstream = process.env.PROXY_UPSTREAM;
if (!upstream) throw new Error("PROXY_UPSTREAM is required");
const pool = new Pool(upstream, { connections: 256, keepAliveTimeout: 60_000 });
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "host", "content-length"]);

const server = createServer((req, res) => {
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && !HOP_BY_HOP.has(k)) headers[k] = v;
  pool.request({ method: req.method as "POST", path: req.url ?? "/", headers, body: req }).then((answer) => {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of Object.entries(answer.headers)) if (v !== undefined && !HOP_BY_HOP.has(k)) out[k] = v;
    res.writeHead(answer.statusCode, out);
    answer.body.on("error", () => res.destroy());
    answer.body.pipe(res);
    // the client went away before the end: stop reading the upstream answer
    res.once("close", () => { if (!res.writableFinished && !answer.body.destroyed) answer.body.destroy(); });
  }, (error: Error) => {
    if (!res.headersSent) res.writeHead(502, { "content-type": "application/json" });
    res.end(JSON.stringify({ error: { message: `upstream: ${error.message}`, type: "api_error", param: null, code: null } }));
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.env.PROXY_PORT ?? 0), "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ msg: "ready", port: (server.address() as AddressInfo).port })}\n`);
});
process.on("SIGTERM", () => { server.close(); void pool.close().then(() => process.exit(0)); });
// a benchmark that died without stopping us: do not outlive it
setInterval(() => { if (process.ppid === 1) process.exit(0); }, 1000).unref();
