// One keep-alive undici Pool per provider endpoint, with the two request shapes the adapters
// need: a JSON answer, or a stream of server-sent events read as they arrive. Every failure
// leaves here as a ProviderError (status, transport, garbled body).
//
// Requests go through undici's dispatch handler, not `pool.request`: the response's bytes reach
// the SSE parser in the call that parsed them off the socket, with no promise at the headers, no
// Readable for the body and no AsyncResource per request (bench/README.md, session 13).
import { Pool, type Dispatcher } from "undici";
import type { ProviderError } from "../../core/provider.js";
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
  const request = (path: string, body: unknown, accept: string): Dispatcher.DispatchOptions => ({
    method: "POST", path: `${prefix}${path}`, body: JSON.stringify(body),
    headers: { "content-type": "application/json", accept, ...options.headers },
  });

  return {
    postJson(path, body, signal) {
      return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        exchange(pool, request(path, body, "application/json"), { provider, signal }, {
          onData(chunk) { chunks.push(chunk); },
          onEnd(status) {
            const text = Buffer.concat(chunks).toString("utf8");
            try {
              resolve(JSON.parse(text));
            } catch (cause) {
              // a garbled 2xx is usually a proxy or a truncated body; another attempt normally succeeds
              reject(badResponse(provider, status, text, cause));
            }
          },
          onError: reject,
        });
      });
    },

    postStream(path, body, signal, onEvent) {
      return new Promise((resolve, reject) => {
        let settled = false;
        let graceTimer: NodeJS.Timeout | undefined;
        const settle = (error?: unknown) => {
          clearTimeout(graceTimer);
          if (settled) return;
          settled = true;
          if (error === undefined) resolve();
          else reject(error);
        };
        const parser = new SseParser((event) => {
          if (settled || !onEvent(event)) return;
          settle();
          // The answer's last event (OpenAI's [DONE], Anthropic's message_stop) often comes a packet
          // before the body's end: read that end, so the connection is kept for the next call
          // instead of a new TCP and TLS handshake for every stream; one whose end does not come
          // is closed, which only costs its reuse. (Events arrive only after `call` is assigned.)
          graceTimer = setTimeout(() => call.abort(new Error("the body did not end after the answer's last event")), BODY_END_GRACE_MS);
          graceTimer.unref();
        });
        const call = exchange(pool, request(path, body, "text/event-stream"), { provider, signal }, {
          onData(chunk) {
            if (settled) return;
            try {
              parser.push(chunk);
            } catch (error) {
              // the reader's own failure, as it was; cutting the exchange off closes the connection,
              // which stops the generation
              settle(error);
              call.abort(error instanceof Error ? error : new Error(String(error)));
            }
          },
          onEnd() {
            if (settled) return settle();
            try {
              parser.end();
              settle();
            } catch (error) {
              settle(error);
            }
          },
          onError: settle,
        });
      });
    },

    // the executor drains its calls before closing providers, so nothing useful is cut off
    async close() { await pool.destroy(); },
  };
}

/** How long a stream's body may take to end after its last event before its connection is closed. */
const BODY_END_GRACE_MS = 1_000;

interface ResponseSink {
  /** A 2xx answer's body, chunk by chunk as it is parsed. */
  onData(chunk: Buffer): void;
  onEnd(status: number): void;
  /**
   * At most once, and never after onEnd: a refused answer (errorFromStatus, with its body), a
   * transport failure or an abort (errorFromTransport).
   */
  onError(error: ProviderError): void;
}

/**
 * One request through the pool, its response handed to `sink` as it is parsed. An abort (the
 * signal's, or `abort`) closes the connection: a provider stops generating for a request whose
 * connection is gone.
 */
function exchange(
  pool: Pool, options: Dispatcher.DispatchOptions, { provider, signal }: { provider: string; signal: AbortSignal }, sink: ResponseSink,
): { abort(reason: Error): void } {
  let controller: Dispatcher.DispatchController | undefined;
  let abortBeforeStart: Error | undefined;
  let done = false;
  let status = 0;
  let refused: { headers: Dispatcher.ResponseData["headers"]; body: Buffer[] } | undefined;
  const abort = (reason: Error) => {
    if (done) return;
    if (controller) controller.abort(reason);
    else abortBeforeStart = reason;
  };
  const onSignal = () => abort(signal.reason instanceof Error ? signal.reason : new Error("aborted"));
  const finish = () => {
    done = true;
    signal.removeEventListener("abort", onSignal);
  };
  if (signal.aborted) onSignal();
  else signal.addEventListener("abort", onSignal, { once: true });
  pool.dispatch(options, {
    onRequestStart(c) {
      controller = c;
      if (abortBeforeStart) c.abort(abortBeforeStart);
    },
    onResponseStart(_c, statusCode, headers) {
      // an informational (1xx) response is followed by the real one
      if (statusCode < 200) return;
      status = statusCode;
      if (statusCode >= 300) refused = { headers, body: [] };
    },
    onResponseData(_c, chunk) {
      if (refused) refused.body.push(chunk);
      else sink.onData(chunk);
    },
    onResponseEnd() {
      if (done) return;
      finish();
      if (refused) sink.onError(errorFromStatus(provider, status, refused.headers, Buffer.concat(refused.body).toString("utf8")));
      else sink.onEnd(status);
    },
    onResponseError(_c, error) {
      if (done) return;
      finish();
      sink.onError(errorFromTransport(provider, error, signal));
    },
  });
  return { abort };
}
