// A fake Anthropic Messages API (POST /v1/messages) for the executor's tests: the real wire
// format (x-api-key, anthropic-version, content blocks, tool_use, cache usage fields, error types,
// streaming events) with behaviours to inject latency, errors, garbage, resets, hangs and broken
// streams. Each request records whether the client closed the connection before the answer ended.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeAnthropicBehaviour {
  latencyMs?: number;
  /** Answer with this HTTP status and an Anthropic error body. */
  status?: number;
  errorType?: string;
  errorMessage?: string;
  retryAfter?: string;
  malformed?: boolean;
  reset?: boolean;
  hang?: boolean;
  content?: string;
  toolUse?: Array<{ id?: string; name: string; input: Record<string, unknown> }>;
  stopReason?: string;
  model?: string;
  /** Token counts to report (Anthropic's own fields); `null` omits usage. */
  usage?: { input?: number; output?: number; cacheRead?: number; cacheWrite?: number } | null;
  chunkDelayMs?: number;
  /** Streaming: after this many text chunks, destroy the socket, or send `streamError` when given. */
  breakAfterChunks?: number;
  streamError?: { type: string; message: string };
}

export interface FakeAnthropicRequest {
  index: number;
  path: string;
  headers: IncomingHttpHeaders;
  body: any;
  model: string;
  arrivedAt: number;
  closedEarly: boolean;
}

export type AnthropicBehaviourSource =
  | FakeAnthropicBehaviour | FakeAnthropicBehaviour[] | ((request: FakeAnthropicRequest) => FakeAnthropicBehaviour | undefined);

export interface FakeAnthropic {
  /** Base URL without /v1 (the adapter appends /v1/messages). */
  url: string;
  requests: FakeAnthropicRequest[];
  setBehaviour(source: AnthropicBehaviourSource): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const roughTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

const ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error", 401: "authentication_error", 403: "permission_error", 404: "not_found_error",
  413: "request_too_large", 429: "rate_limit_error", 500: "api_error", 529: "overloaded_error",
};

function lastUserText(body: any): string {
  const last = [...(Array.isArray(body?.messages) ? body.messages : [])].reverse().find((m: any) => m?.role === "user");
  if (typeof last?.content === "string") return last.content;
  return (last?.content ?? []).map((b: any) => (b?.type === "text" ? b.text : "")).join(" ");
}

function message(req: FakeAnthropicRequest, b: FakeAnthropicBehaviour) {
  const text = b.content ?? `Fake answer from ${req.model} to: ${lastUserText(req.body).slice(0, 80)}`;
  const toolUse = (b.toolUse ?? []).map((t, i) => ({ type: "tool_use", id: t.id ?? `toolu_fake_${req.index}_${i}`, name: t.name, input: t.input }));
  const usage = b.usage === null ? undefined : {
    input_tokens: b.usage?.input ?? roughTokens(JSON.stringify([req.body?.system ?? "", req.body?.messages ?? []])),
    cache_creation_input_tokens: b.usage?.cacheWrite ?? 0,
    cache_read_input_tokens: b.usage?.cacheRead ?? 0,
    output_tokens: b.usage?.output ?? roughTokens(text),
  };
  return {
    id: `msg_fake_${req.index}`, type: "message", role: "assistant", model: b.model ?? req.model,
    content: [...(text ? [{ type: "text", text }] : []), ...toolUse],
    stop_reason: b.stopReason ?? (toolUse.length > 0 ? "tool_use" : "end_turn"), stop_sequence: null,
    ...(usage ? { usage } : {}),
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function stream(b: FakeAnthropicBehaviour, m: ReturnType<typeof message>, res: ServerResponse, socket: Socket) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const send = (type: string, data: object) => res.write(`event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`);
  const usage = m.usage ? { ...m.usage, output_tokens: 1 } : undefined;
  send("message_start", { message: { ...m, content: [], stop_reason: null, ...(usage ? { usage } : {}) } });
  send("ping", {});
  let sent = 0;
  for (const [index, block] of m.content.entries()) {
    if (block.type === "text") {
      send("content_block_start", { index, content_block: { type: "text", text: "" } });
      for (const piece of (block as { text: string }).text.match(/\S+\s*/g) ?? []) {
        if (b.chunkDelayMs) await sleep(b.chunkDelayMs);
        if (res.destroyed) return;
        if (b.breakAfterChunks !== undefined && sent >= b.breakAfterChunks) {
          if (b.streamError) { send("error", { error: b.streamError }); res.end(); return; }
          await new Promise((r) => res.write("", r));
          socket.destroy();
          return;
        }
        send("content_block_delta", { index, delta: { type: "text_delta", text: piece } });
        sent += 1;
      }
    } else {
      const tool = block as { id: string; name: string; input: object };
      send("content_block_start", { index, content_block: { type: "tool_use", id: tool.id, name: tool.name, input: {} } });
      const json = JSON.stringify(tool.input);
      const half = Math.floor(json.length / 2);
      for (const part of [json.slice(0, half), json.slice(half)]) {
        send("content_block_delta", { index, delta: { type: "input_json_delta", partial_json: part } });
      }
    }
    send("content_block_stop", { index });
  }
  send("message_delta", { delta: { stop_reason: m.stop_reason, stop_sequence: null }, ...(m.usage ? { usage: { output_tokens: m.usage.output_tokens } } : {}) });
  send("message_stop", {});
  res.end();
}

async function answer(req: FakeAnthropicRequest, b: FakeAnthropicBehaviour, res: ServerResponse, socket: Socket) {
  if (b.hang) return;
  if (b.reset) { socket.destroy(); return; }
  if (b.status && b.status >= 400) {
    const type = b.errorType ?? ERROR_TYPES[b.status] ?? "api_error";
    sendJson(res, b.status, { type: "error", error: { type, message: b.errorMessage ?? `fake ${type}` } },
      b.retryAfter !== undefined ? { "retry-after": b.retryAfter } : {});
    return;
  }
  if (b.malformed) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{\"id\": \"msg_broken\", \"content\": [ not json");
    return;
  }
  const m = message(req, b);
  if (req.body?.stream === true) return stream(b, m, res, socket);
  sendJson(res, 200, m);
}

export async function startFakeAnthropic(options: { behaviour?: AnthropicBehaviourSource; apiKey?: string } = {}): Promise<FakeAnthropic> {
  const requests: FakeAnthropicRequest[] = [];
  let source: AnthropicBehaviourSource = options.behaviour ?? {};
  let planIndex = 0;
  const pick = (req: FakeAnthropicRequest): FakeAnthropicBehaviour => {
    if (typeof source === "function") return source(req) ?? {};
    if (Array.isArray(source)) return source[planIndex++] ?? {};
    return source;
  };
  const server = createServer((httpReq: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    httpReq.on("data", (c: Buffer) => chunks.push(c));
    httpReq.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: any = text;
      try { body = JSON.parse(text); } catch { /* kept as text */ }
      const req: FakeAnthropicRequest = {
        index: requests.length, path: httpReq.url ?? "", headers: httpReq.headers, body,
        model: typeof body?.model === "string" ? body.model : "", arrivedAt: Date.now(), closedEarly: false,
      };
      res.once("close", () => { if (!res.writableFinished) req.closedEarly = true; });
      requests.push(req);
      if (httpReq.method !== "POST" || req.path !== "/v1/messages") {
        sendJson(res, 404, { type: "error", error: { type: "not_found_error", message: `no route ${req.path}` } });
        return;
      }
      if (httpReq.headers["anthropic-version"] !== "2023-06-01") {
        sendJson(res, 400, { type: "error", error: { type: "invalid_request_error", message: "anthropic-version header is required" } });
        return;
      }
      if (options.apiKey && httpReq.headers["x-api-key"] !== options.apiKey) {
        sendJson(res, 401, { type: "error", error: { type: "authentication_error", message: "invalid x-api-key" } });
        return;
      }
      const behaviour = pick(req);
      void sleep(behaviour.latencyMs ?? 0).then(() => {
        if (!res.destroyed) return answer(req, behaviour, res, httpReq.socket);
      });
    });
  });
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => { sockets.add(s); s.once("close", () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    setBehaviour(next) { source = next; planIndex = 0; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
