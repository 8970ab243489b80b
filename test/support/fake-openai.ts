// A fake OpenAI-compatible provider (POST /v1/chat/completions) for every test of the project.
// Each request follows a behaviour: the default answers quickly and deterministically; a plan
// (one behaviour per request, in arrival order) or a function can inject latency, errors,
// garbage, connection resets, hangs, tool calls and streaming.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface FakeToolCall { id?: string; name: string; arguments: string }

export interface FakeBehaviour {
  /** Wait this long before answering (or before the first stream chunk). */
  latencyMs?: number;
  /** Answer with this HTTP error status and an OpenAI error body. */
  status?: number;
  errorMessage?: string;
  /** `Retry-After` header value: seconds ("2") or an HTTP date. */
  retryAfter?: string;
  /** `retry-after-ms` header value, as OpenAI sends it. */
  retryAfterMs?: number;
  /** Answer 200 with a body that is not JSON. */
  malformed?: boolean;
  /** Destroy the socket without answering. */
  reset?: boolean;
  /** Never answer (the socket is destroyed when the client goes away or the server closes). */
  hang?: boolean;
  content?: string;
  toolCalls?: FakeToolCall[];
  finishReason?: string;
  /** The model name reported back; default: the requested model. */
  model?: string;
  /**
   * Token counts to report; `null` omits `usage` from the answer. `total` overrides total_tokens
   * (Gemini's compatibility layer counts thinking tokens there and not in completion_tokens).
   */
  usage?: { prompt?: number; completion?: number; cached?: number; reasoning?: number; total?: number } | null;
  /** Streaming: wait this long before each content chunk. */
  chunkDelayMs?: number;
  /** Streaming: destroy the socket after this many content chunks (a stream that breaks). */
  breakAfterChunks?: number;
}

export interface FakeRequest {
  index: number;
  path: string;
  headers: IncomingHttpHeaders;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: any;
  model: string;
  arrivedAt: number;
  /** True once the client closed the connection before the answer was complete (an abort). */
  closedEarly: boolean;
}

export type BehaviourSource = FakeBehaviour | FakeBehaviour[] | ((request: FakeRequest) => FakeBehaviour | undefined);

export interface FakeOpenAI {
  /** Base URL, ending with /v1. */
  url: string;
  port: number;
  requests: FakeRequest[];
  /** A single behaviour for every request, a plan consumed one per request (then the default), or a function. */
  setBehaviour(source: BehaviourSource): void;
  countFor(model: string): number;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lastUserText(body: any): string {
  const messages: any[] = Array.isArray(body?.messages) ? body.messages : [];
  const last = [...messages].reverse().find((m) => m?.role === "user");
  const content = last?.content;
  if (typeof content === "string") return content;
  if (Array.isArray(content)) return content.map((p: any) => (typeof p?.text === "string" ? p.text : "")).join(" ");
  return "";
}

/** The default answer: deterministic in the model and the last user message. */
export function fakeAnswer(model: string, userText: string): string {
  return `Fake answer from ${model} to: ${userText.slice(0, 80)}`;
}

const roughTokens = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function completion(req: FakeRequest, b: FakeBehaviour) {
  const content = b.content ?? fakeAnswer(req.model, lastUserText(req.body));
  const toolCalls = b.toolCalls?.map((t, i) => ({
    id: t.id ?? `call_fake_${req.index}_${i}`, type: "function", function: { name: t.name, arguments: t.arguments },
  }));
  const prompt = b.usage?.prompt ?? roughTokens(JSON.stringify(req.body?.messages ?? []));
  const completionTokens = b.usage?.completion ?? roughTokens(content);
  const usage = b.usage === null ? undefined : {
    prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: b.usage?.total ?? prompt + completionTokens,
    prompt_tokens_details: { cached_tokens: b.usage?.cached ?? 0 },
    completion_tokens_details: { reasoning_tokens: b.usage?.reasoning ?? 0 },
  };
  return {
    id: `chatcmpl-fake-${req.index}`, created: Math.floor(req.arrivedAt / 1000), model: b.model ?? req.model,
    content: toolCalls ? (b.content ?? null) : content, toolCalls,
    finishReason: b.finishReason ?? (toolCalls ? "tool_calls" : "stop"), usage,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

async function answer(req: FakeRequest, b: FakeBehaviour, res: ServerResponse, socket: Socket) {
  if (b.hang) return;
  if (b.reset) { socket.destroy(); return; }
  if (b.status && b.status >= 400) {
    const headers: Record<string, string> = {};
    if (b.retryAfter !== undefined) headers["retry-after"] = b.retryAfter;
    if (b.retryAfterMs !== undefined) headers["retry-after-ms"] = String(b.retryAfterMs);
    const type = b.status === 429 ? "rate_limit_error" : b.status >= 500 ? "server_error" : "invalid_request_error";
    sendJson(res, b.status, { error: { message: b.errorMessage ?? `fake error ${b.status}`, type, param: null, code: null } }, headers);
    return;
  }
  if (b.malformed) {
    res.writeHead(200, { "content-type": "application/json" });
    res.end("{\"id\": \"chatcmpl-broken\", \"choices\": [ this is not json");
    return;
  }
  const c = completion(req, b);
  if (req.body?.stream === true) return stream(req, b, c, res, socket);
  const message = { role: "assistant", content: c.content, ...(c.toolCalls ? { tool_calls: c.toolCalls } : {}) };
  sendJson(res, 200, {
    id: c.id, object: "chat.completion", created: c.created, model: c.model,
    choices: [{ index: 0, message, finish_reason: c.finishReason, logprobs: null }],
    ...(c.usage ? { usage: c.usage } : {}),
  });
}

async function stream(req: FakeRequest, b: FakeBehaviour, c: ReturnType<typeof completion>, res: ServerResponse, socket: Socket) {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
  const chunk = (delta: object, finish: string | null, extra: object = {}) => ({
    id: c.id, object: "chat.completion.chunk", created: c.created, model: c.model,
    choices: [{ index: 0, delta, finish_reason: finish, logprobs: null }], ...extra,
  });
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  send(chunk({ role: "assistant", content: "" }, null));
  let sent = 0;
  for (const piece of (c.content ?? "").match(/\S+\s*/g) ?? []) {
    if (b.chunkDelayMs) await sleep(b.chunkDelayMs);
    if (res.destroyed) return;
    if (b.breakAfterChunks !== undefined && sent >= b.breakAfterChunks) {
      // let what was written reach the client first, then cut the connection mid-answer
      await new Promise((r) => res.write("", r));
      socket.destroy();
      return;
    }
    send(chunk({ content: piece }, null));
    sent += 1;
  }
  if (c.toolCalls) send(chunk({ tool_calls: c.toolCalls.map((t, index) => ({ index, ...t })) }, null));
  send(chunk({}, c.finishReason));
  if (req.body?.stream_options?.include_usage && c.usage) {
    send({ id: c.id, object: "chat.completion.chunk", created: c.created, model: c.model, choices: [], usage: c.usage });
  }
  res.end("data: [DONE]\n\n");
}

export async function startFakeOpenAI(options: { behaviour?: BehaviourSource; apiKey?: string } = {}): Promise<FakeOpenAI> {
  const requests: FakeRequest[] = [];
  const perModel = new Map<string, number>();
  let source: BehaviourSource = options.behaviour ?? {};
  let planIndex = 0;
  const pick = (req: FakeRequest): FakeBehaviour => {
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
      try { body = JSON.parse(text); } catch { /* kept as text for the test to inspect */ }
      const req: FakeRequest = {
        index: requests.length, path: httpReq.url ?? "", headers: httpReq.headers, body,
        model: typeof body?.model === "string" ? body.model : "", arrivedAt: Date.now(), closedEarly: false,
      };
      res.once("close", () => { if (!res.writableFinished) req.closedEarly = true; });
      requests.push(req);
      perModel.set(req.model, (perModel.get(req.model) ?? 0) + 1);
      if (httpReq.method !== "POST" || !req.path.endsWith("/v1/chat/completions")) {
        sendJson(res, 404, { error: { message: `no route ${httpReq.method} ${req.path}`, type: "invalid_request_error" } });
        return;
      }
      if (options.apiKey && httpReq.headers.authorization !== `Bearer ${options.apiKey}`) {
        sendJson(res, 401, { error: { message: "Incorrect API key provided.", type: "invalid_request_error", code: "invalid_api_key" } });
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
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    setBehaviour(next) { source = next; planIndex = 0; },
    countFor: (model) => perModel.get(model) ?? 0,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
