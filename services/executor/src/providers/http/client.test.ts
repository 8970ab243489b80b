import { createServer, type Server } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { createHttpEndpoint, type HttpEndpoint } from "./client.js";

// An SSE server whose body ends a little after its last event, as real providers' often does.
async function sseServer(endAfterMs: number): Promise<{ url: string; connections: () => number; closed: () => number; server: Server }> {
  let connections = 0;
  let closed = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write("data: {\"n\":1}\n\n");
      res.write("data: [DONE]\n\n");
      const ending = setTimeout(() => res.end(), endAfterMs);
      res.on("close", () => clearTimeout(ending));
    });
  });
  server.on("connection", (socket) => { connections += 1; socket.on("close", () => { closed += 1; }); });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/v1`, connections: () => connections, closed: () => closed, server };
}

async function readUntilDone(endpoint: HttpEndpoint, signal = new AbortController().signal): Promise<string[]> {
  const seen: string[] = [];
  await endpoint.postStream("/chat/completions", {}, signal, (event) => {
    if (event.data === "[DONE]") return true;
    seen.push(event.data);
    return false;
  });
  return seen;
}

describe("streamed requests", () => {
  const servers: Server[] = [];
  afterEach(() => { for (const s of servers.splice(0)) s.close(); });

  it("keeps the connection when the reader stops at the last event before the body ended", async () => {
    const sse = await sseServer(20);
    servers.push(sse.server);
    const endpoint = createHttpEndpoint({ provider: "test", baseUrl: sse.url, headers: {} });
    for (let i = 0; i < 5; i += 1) {
      expect(await readUntilDone(endpoint)).toEqual(["{\"n\":1}"]);
      await new Promise((r) => setTimeout(r, 60));
    }
    expect(sse.connections()).toBe(1);
    expect(sse.closed()).toBe(0);
    await endpoint.close();
  });

  it("closes a connection whose body does not end within the grace after the last event, quietly", async () => {
    const sse = await sseServer(10_000);
    servers.push(sse.server);
    const endpoint = createHttpEndpoint({ provider: "test", baseUrl: sse.url, headers: {} });
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", onUncaught);
    try {
      expect(await readUntilDone(endpoint)).toEqual(["{\"n\":1}"]);
      expect(sse.closed()).toBe(0);
      // undici reports a body destroyed before its end as an 'error' event: heard, it is no crash
      await expect.poll(() => sse.closed(), { timeout: 3_000 }).toBe(1);
      await new Promise((r) => setTimeout(r, 50));
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", onUncaught);
      await endpoint.close();
    }
  });

  it("closes the connection at once when the call is cancelled", async () => {
    const sse = await sseServer(5_000);
    servers.push(sse.server);
    const endpoint = createHttpEndpoint({ provider: "test", baseUrl: sse.url, headers: {} });
    const cancel = new AbortController();
    const seen: unknown[] = [];
    const reading = endpoint.postStream("/chat/completions", {}, cancel.signal, (event) => {
      seen.push(event);
      cancel.abort(new Error("client went away"));
      return false;
    });
    await expect(reading).rejects.toMatchObject({ code: "provider_call_aborted" });
    expect(seen[0]).toEqual({ event: "message", data: "{\"n\":1}" });
    await expect.poll(() => sse.closed(), { timeout: 2_000 }).toBe(1);
    await endpoint.close();
  });

  it("rejects a refused stream with the status error and the provider's body", async () => {
    const server = createServer((req, res) => {
      req.resume();
      req.on("end", () => res.writeHead(429, { "content-type": "application/json", "retry-after": "2" })
        .end('{"error":{"message":"slow down","type":"rate_limit_error"}}'));
    });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const endpoint = createHttpEndpoint({ provider: "test", baseUrl: `http://127.0.0.1:${port}/v1`, headers: {} });
    const seen: unknown[] = [];
    await expect(endpoint.postStream("/chat/completions", {}, new AbortController().signal, (e) => { seen.push(e); return false; }))
      .rejects.toMatchObject({ code: "provider_rate_limited", upstreamStatus: 429, retryAfterMs: 2000 });
    expect(seen).toEqual([]);
    await endpoint.close();
  });

  it("rejects with what the reader threw, as it was, and closes the connection", async () => {
    const sse = await sseServer(5_000);
    servers.push(sse.server);
    const endpoint = createHttpEndpoint({ provider: "test", baseUrl: sse.url, headers: {} });
    const thrown = new Error("the reader's own failure");
    await expect(endpoint.postStream("/chat/completions", {}, new AbortController().signal, () => { throw thrown; }))
      .rejects.toBe(thrown);
    await expect.poll(() => sse.closed(), { timeout: 2_000 }).toBe(1);
    await endpoint.close();
  });

  it("sends nothing for a call cancelled before its request left", async () => {
    let requests = 0;
    const server = createServer((req, res) => { requests += 1; req.resume(); req.on("end", () => res.end("{}")); });
    servers.push(server);
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as { port: number };
    const endpoint = createHttpEndpoint({ provider: "test", baseUrl: `http://127.0.0.1:${port}/v1`, headers: {} });
    const cancelled = new AbortController();
    cancelled.abort(new Error("client went away"));
    await expect(endpoint.postJson("/chat/completions", {}, cancelled.signal)).rejects.toMatchObject({ code: "provider_call_aborted" });
    await expect(endpoint.postStream("/chat/completions", {}, cancelled.signal, () => false)).rejects.toMatchObject({ code: "provider_call_aborted" });
    // the endpoint still works, and only this request reached the server
    await expect(endpoint.postJson("/chat/completions", {}, new AbortController().signal)).resolves.toEqual({});
    expect(requests).toBe(1);
    await endpoint.close();
  });
});
