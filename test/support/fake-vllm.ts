// A fake vLLM serving an xRouter checkpoint: POST /v1/chat/completions answers what a test's script
// returns for each request. Tool calls come back in OpenAI's wire format, as vLLM sends them after
// its hermes parser (`chatcmpl-tool-<hex>` ids, arguments as JSON text, content null), or, with
// `rawHermes`, as the unparsed `<tool_call>{...}</tool_call>` text a server without the parser sends.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";

export interface ScriptedToolCall {
  name: string;
  /** An object is serialised; a string is sent as is (malformed JSON included). */
  arguments: Record<string, unknown> | string;
}

export interface ScriptedReply {
  content?: string | null;
  toolCalls?: ScriptedToolCall[];
  /** Send the tool calls as hermes text in `content` instead of `tool_calls`. */
  rawHermes?: boolean;
  /** Token counts; `null` omits usage. Default: a rough count of the request and the reply. */
  usage?: { prompt: number; completion: number } | null;
  /** Answer with this HTTP status and an error body. */
  status?: number;
  /** Never answer. */
  hang?: boolean;
}

export interface VllmRequest {
  index: number;
  headers: IncomingMessage["headers"];
  body: {
    model: string;
    messages: Array<{ role: string; content: string | null; tool_calls?: Array<{ id: string; function: { name: string; arguments: string } }>; tool_call_id?: string }>;
    tools?: Array<{ type: string; function: { name: string; description: string; parameters: any } }>;
    tool_choice?: unknown;
    max_tokens?: number;
    temperature?: number;
  };
}

export type Script = (request: VllmRequest) => ScriptedReply;

export interface FakeVllm {
  url: string;
  requests: VllmRequest[];
  setScript(script: Script): void;
  close(): Promise<void>;
}

const rough = (text: string) => Math.max(1, Math.ceil(text.length / 4));

function wireToolCalls(calls: ScriptedToolCall[]) {
  return calls.map((c) => ({
    id: `chatcmpl-tool-${randomBytes(16).toString("hex")}`, type: "function",
    function: { name: c.name, arguments: typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments) },
  }));
}

function hermesText(calls: ScriptedToolCall[]): string {
  return calls.map((c) => {
    const args = typeof c.arguments === "string" ? c.arguments : JSON.stringify(c.arguments);
    return `<tool_call>\n{"name": ${JSON.stringify(c.name)}, "arguments": ${args}}\n</tool_call>`;
  }).join("\n");
}

function completion(req: VllmRequest, reply: ScriptedReply) {
  const calls = reply.toolCalls ?? [];
  const asText = reply.rawHermes && calls.length > 0;
  const content = asText ? [reply.content ?? "", hermesText(calls)].filter(Boolean).join("\n") : (reply.content ?? null);
  const toolCalls = !asText && calls.length > 0 ? wireToolCalls(calls) : [];
  const prompt = reply.usage?.prompt ?? rough(JSON.stringify(req.body.messages) + JSON.stringify(req.body.tools ?? []));
  const completionTokens = reply.usage?.completion ?? rough((content ?? "") + JSON.stringify(toolCalls));
  return {
    id: `chatcmpl-${randomBytes(8).toString("hex")}`, object: "chat.completion", created: Math.floor(Date.now() / 1000),
    model: req.body.model,
    choices: [{
      index: 0, logprobs: null, stop_reason: null,
      message: { role: "assistant", reasoning_content: null, content, tool_calls: toolCalls },
      finish_reason: toolCalls.length > 0 ? "tool_calls" : "stop",
    }],
    ...(reply.usage === null ? {} : { usage: { prompt_tokens: prompt, completion_tokens: completionTokens, total_tokens: prompt + completionTokens } }),
  };
}

function send(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}

export async function startFakeVllm(script: Script = () => ({ content: "Hello." })): Promise<FakeVllm> {
  const requests: VllmRequest[] = [];
  let current = script;
  const server = createServer((httpReq, res) => {
    const chunks: Buffer[] = [];
    httpReq.on("data", (c: Buffer) => chunks.push(c));
    httpReq.on("end", () => {
      if (httpReq.method !== "POST" || !httpReq.url?.endsWith("/v1/chat/completions")) {
        send(res, 404, { object: "error", message: `no route ${httpReq.method} ${httpReq.url}`, type: "NotFoundError", code: 404 });
        return;
      }
      let body: VllmRequest["body"];
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        send(res, 400, { object: "error", message: "body is not JSON", type: "BadRequestError", code: 400 });
        return;
      }
      const req: VllmRequest = { index: requests.length, headers: httpReq.headers, body };
      requests.push(req);
      let reply: ScriptedReply;
      try {
        reply = current(req);
      } catch (error) {
        // a script that throws is a test bug: say so loudly in the answer the backend logs
        send(res, 500, { object: "error", message: `fake vLLM script failed: ${(error as Error).message}`, type: "InternalServerError", code: 500 });
        return;
      }
      if (reply.hang) return;
      if (reply.status && reply.status >= 400) {
        send(res, reply.status, { object: "error", message: "fake vLLM error", type: "BadRequestError", code: reply.status });
        return;
      }
      send(res, 200, completion(req, reply));
    });
  });
  const sockets = new Set<Socket>();
  server.on("connection", (s: Socket) => { sockets.add(s); s.once("close", () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    setScript(next) { current = next; },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
