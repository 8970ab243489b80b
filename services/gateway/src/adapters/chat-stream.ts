// `stream: true`: Server-Sent Events of `chat.completion.chunk`s. Headers go out with the first
// token, so an error before any token is still an ordinary JSON error with its status; an error
// after that is an error event, then the stream ends. A client that goes away aborts the request,
// which cancels the upstream call (the executor bills what was generated so far).
import type { FastifyReply } from "fastify";
import { mark, upstreamFailed, XRouterError, type Logger } from "../../../common/src/index.js";
import { ChunkBuilder } from "../core/chunks.js";
import type { buildCompletion } from "../core/completion.js";
import type { RoutedAnswer } from "../core/orchestrator.js";
import { errorBody, fromFastifyError } from "./openai-errors.js";

export interface StreamOptions {
  requestId: string;
  includeUsage: boolean;
  logger: Logger;
  /** Runs the orchestration; `onText` receives streamed text, `signal` aborts when the client leaves. */
  run(hooks: { onText(text: string, modelId: string): void; signal: AbortSignal }): Promise<RoutedAnswer>;
  complete(answer: RoutedAnswer): ReturnType<typeof buildCompletion>;
}

export interface StreamOutcome {
  answer?: RoutedAnswer;
  status: number;
  errorCode: string;
}

export async function streamCompletion(reply: FastifyReply, options: StreamOptions): Promise<StreamOutcome> {
  const res = reply.raw;
  const chunks = new ChunkBuilder(options.requestId, Math.floor(Date.now() / 1000));
  const abort = new AbortController();
  let opened = false;
  res.on("close", () => { if (!res.writableFinished) abort.abort(); });

  const send = (payload: unknown) => { res.write(`data: ${JSON.stringify(payload)}\n\n`); };
  const open = (modelId: string) => {
    if (opened) return;
    opened = true;
    reply.hijack();
    res.socket?.setNoDelay(true);
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive",
      "x-accel-buffering": "no", "x-xrouter-request-id": options.requestId,
    });
    send(chunks.role(modelId));
  };

  try {
    let streamedText = "";
    const answer = await options.run({
      signal: abort.signal,
      onText: (text, modelId) => {
        if (abort.signal.aborted) return;
        open(modelId);
        const first = streamedText === "";
        streamedText += text;
        send(chunks.text(modelId, text));
        if (first) mark("gateway.first_write", options.requestId);
      },
    });
    const completion = options.complete(answer);
    open(answer.modelUsed);
    // deltas travel at most once (a NATS reconnect can drop some): the result has the whole text,
    // and sends what the client lacks, all of it when nothing was streamed
    if (!answer.content.startsWith(streamedText)) {
      throw upstreamFailed("Part of the streamed answer was lost on its way; the text sent is incomplete.");
    }
    const rest = answer.content.slice(streamedText.length);
    if (rest) send(chunks.text(answer.modelUsed, rest));
    if (answer.toolCalls.length > 0) send(chunks.toolCalls(answer.modelUsed, answer));
    send(chunks.finish(answer.modelUsed, answer.finishReason, options.includeUsage ? undefined : completion.router_metadata));
    if (options.includeUsage) send(chunks.usage(answer.modelUsed, completion));
    res.end("data: [DONE]\n\n");
    return { answer, status: 200, errorCode: "" };
  } catch (error) {
    const typed = error instanceof XRouterError ? error : fromFastifyError({ message: String(error) });
    if (typed.status >= 500 && typed.status !== 499) options.logger.error({ err: error, request_id: options.requestId }, "stream failed");
    if (!opened) {
      if (abort.signal.aborted) return { status: 499, errorCode: "client_cancelled" };
      throw typed;
    }
    if (!res.writableEnded && !res.destroyed) {
      send(errorBody(typed));
      res.end();
    }
    return { status: abort.signal.aborted ? 499 : typed.status, errorCode: abort.signal.aborted ? "client_cancelled" : typed.code };
  }
}
