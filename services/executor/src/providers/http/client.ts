// One keep-alive undici Pool per provider endpoint, with the two request shapes the adapters
// need: a JSON answer, or a stream of server-sent events read as they arrive. Every failure
// leaves here as a ProviderError (status, transport, garbled body).
import { Pool } from "undici";
import { badResponse, errorFromStatus, errorFromTransport } from "./errors.js";
import { parseSse, type SseEvent } from "./sse.js";

export interface HttpEndpointOptions {
  /** Provider name for error messages: openai, anthropic ... */
  provider: string;
  /** e.g. https://api.openai.com/v1; request paths are appended to its path. */
  baseUrl: string;
  headers: Record<string, string>;
  /** Most concurrent connections to this endpoint. */
  connections?: number;
}

export interface HttpEndpoint {
  postJson(path: string, body: unknown, signal: AbortSignal): Promise<unknown>;
  postStream(path: string, body: unknown, signal: AbortSignal): AsyncGenerator<SseEvent>;
  close(): Promise<void>;
}

export function createHttpEndpoint(options: HttpEndpointOptions): HttpEndpoint {
  const base = new URL(options.baseUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  const pool = new Pool(base.origin, { connections: options.connections ?? 64, keepAliveTimeout: 30_000 });
  const { provider } = options;

  async function send(path: string, body: unknown, signal: AbortSignal, accept: string) {
    try {
      return await pool.request({
        method: "POST", path: `${prefix}${path}`, signal, body: JSON.stringify(body),
        headers: { "content-type": "application/json", accept, ...options.headers },
      });
    } catch (error) {
      throw errorFromTransport(provider, error, signal);
    }
  }

  async function readText(response: Awaited<ReturnType<typeof send>>, signal: AbortSignal): Promise<string> {
    try {
      return await response.body.text();
    } catch (error) {
      throw errorFromTransport(provider, error, signal);
    }
  }

  return {
    async postJson(path, body, signal) {
      const response = await send(path, body, signal, "application/json");
      const text = await readText(response, signal);
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw errorFromStatus(provider, response.statusCode, response.headers, text);
      }
      try {
        return JSON.parse(text);
      } catch (cause) {
        // a garbled 2xx is usually a proxy or a truncated body; another attempt normally succeeds
        throw badResponse(provider, response.statusCode, text, cause);
      }
    },

    async *postStream(path, body, signal) {
      const response = await send(path, body, signal, "text/event-stream");
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw errorFromStatus(provider, response.statusCode, response.headers, await readText(response, signal));
      }
      // still true in `finally` only when the reader stopped early, without a failure
      let stoppedEarly = true;
      try {
        // not destroyed when the reader stops early: that is decided below
        yield* parseSse(response.body.iterator({ destroyOnReturn: false }));
        stoppedEarly = false;
      } catch (error) {
        stoppedEarly = false;
        throw errorFromTransport(provider, error, signal);
      } finally {
        if (!response.body.readableEnded && !response.body.destroyed) {
          // The reader stopped at the answer's last event (OpenAI's [DONE], Anthropic's
          // message_stop), which often comes a packet before the body's end: read that end, so the
          // connection is kept for the next call instead of a new TCP and TLS handshake for every
          // stream. A cancel or a failure closes the connection at once, which stops the generation.
          if (stoppedEarly && !signal.aborted) releaseAfterEnd(response.body);
          else response.body.destroy();
        }
      }
    },

    // the executor drains its calls before closing providers, so nothing useful is cut off
    async close() { await pool.destroy(); },
  };
}

/** How long a stream's body may take to end after its last event before its connection is closed. */
const BODY_END_GRACE_MS = 1_000;

function releaseAfterEnd(body: NodeJS.ReadableStream & { destroy(): unknown }): void {
  const timer = setTimeout(() => body.destroy(), BODY_END_GRACE_MS);
  timer.unref();
  body.once("end", () => clearTimeout(timer));
  body.once("close", () => clearTimeout(timer));
  // the answer is complete: a connection that breaks now, or that the timer closes (undici reports
  // a body destroyed before its end as an 'error' event, which unheard would end the process),
  // only costs its reuse
  body.on("error", () => clearTimeout(timer));
  body.resume();
}
