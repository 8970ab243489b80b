// One keep-alive undici Pool per provider endpoint, with the two request shapes the adapters
// need: a JSON answer, or a stream of server-sent events read as they arrive. Every failure
// leaves here as a ProviderError (status, transport, garbled body).
import { Pool, type Dispatcher } from "undici";
import { badResponse, errorFromStatus, errorFromTransport } from "./errors.js";
import { SseParser, type SseEvent } from "./sse.js";

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
  /**
   * Streams the answer's events to `onEvent` as they arrive; `onEvent` returns true at the answer's
   * last event. Resolves once the answer is complete or the body ended; rejects with what `onEvent`
   * threw, as it was, or with a ProviderError for the transport.
   */
  postStream(path: string, body: unknown, signal: AbortSignal, onEvent: (event: SseEvent) => boolean): Promise<void>;
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

    async postStream(path, body, signal, onEvent) {
      const response = await send(path, body, signal, "text/event-stream");
      if (response.statusCode < 200 || response.statusCode >= 300) {
        throw errorFromStatus(provider, response.statusCode, response.headers, await readText(response, signal));
      }
      await readEvents(response.body, onEvent, (error) => errorFromTransport(provider, error, signal));
    },

    // the executor drains its calls before closing providers, so nothing useful is cut off
    async close() { await pool.destroy(); },
  };
}

const ignore = () => {};

/** The reader's own failure, kept apart from the body's so that it is not taken for a transport error. */
class HandlerFailure {
  constructor(readonly error: unknown) {}
}

function readEvents(
  body: Dispatcher.ResponseData["body"], onEvent: (event: SseEvent) => boolean, transportError: (error: unknown) => Error,
): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const parser = new SseParser((event) => {
      if (!settled && onEvent(event)) finish();
    });
    function finish(failure?: unknown) {
      if (settled) return;
      settled = true;
      body.off("data", onData);
      body.off("end", onEnd);
      body.off("error", onError);
      body.off("close", onClose);
      if (failure === undefined) {
        // The answer's last event (OpenAI's [DONE], Anthropic's message_stop) often comes a packet
        // before the body's end: read that end, so the connection is kept for the next call
        // instead of a new TCP and TLS handshake for every stream.
        if (!body.readableEnded) releaseAfterEnd(body);
        resolve();
        return;
      }
      // a cancel or a failure closes the connection at once, which stops the generation (undici
      // reports a body destroyed before its end as an 'error' event, which unheard would end the process)
      body.on("error", ignore);
      body.destroy();
      reject(failure instanceof HandlerFailure ? failure.error : transportError(failure));
    }
    function onData(chunk: Buffer) {
      try {
        parser.push(chunk);
      } catch (error) {
        finish(new HandlerFailure(error));
      }
    }
    function onEnd() {
      try {
        parser.end();
        finish();
      } catch (error) {
        finish(new HandlerFailure(error));
      }
    }
    const onError = (error: Error) => finish(error);
    const onClose = () => finish(new Error("the response body closed before its end"));
    body.on("data", onData);
    body.once("end", onEnd);
    body.once("error", onError);
    body.once("close", onClose);
  });
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
