import { EventEmitter } from "node:events";
import type { FastifyReply } from "fastify";
import { describe, expect, it } from "vitest";
import { createLogger } from "../../../common/src/index.js";
import { buildCompletion } from "../core/completion.js";
import type { RoutedAnswer } from "../core/orchestrator.js";
import { streamCompletion } from "./chat-stream.js";

/** Just enough of a Fastify reply to collect what a stream writes. */
function fakeReply() {
  const raw = Object.assign(new EventEmitter(), {
    written: "", writableFinished: false, writableEnded: false, destroyed: false, socket: null,
    writeHead() { return raw; },
    write(chunk: string) { raw.written += chunk; return true; },
    end(chunk?: string) { if (chunk) raw.written += chunk; raw.writableEnded = true; raw.writableFinished = true; },
  });
  return { reply: { raw, hijack() {} } as unknown as FastifyReply, raw };
}

const answer = (content: string): RoutedAnswer => ({
  content, toolCalls: [], finishReason: "stop", modelUsed: "m",
  usage: { input_tokens: 1, output_tokens: 1, cached_input_tokens: 0, reasoning_tokens: 0 },
  targetCostNanoUsd: 1, routerCostNanoUsd: 0, turnsUsed: 1, policy: "cheapest", routingStrategy: "cheapest", callHistory: [], simulated: false,
});

async function stream(deltas: string[], final: string) {
  const { reply, raw } = fakeReply();
  const outcome = await streamCompletion(reply, {
    requestId: "chatcmpl-1", includeUsage: false, logger: createLogger("test", "silent"),
    complete: (a) => buildCompletion(a, { requestId: "chatcmpl-1", createdUnixS: 1, totalTimeMs: 1, includePrompts: false }),
    run: async ({ onText }) => { for (const d of deltas) onText(d, "m"); return answer(final); },
  });
  const events = raw.written.split("\n\n").filter(Boolean).map((e) => e.slice("data: ".length));
  const text = events.filter((e) => e !== "[DONE]").map((e) => JSON.parse(e) as any)
    .map((e) => e.choices?.[0]?.delta?.content ?? "").join("");
  return { outcome, events, text };
}

describe("streamCompletion", () => {
  it("fills in from the result what the streamed deltas lacked at the end", async () => {
    const { outcome, events, text } = await stream(["Hel", "lo "], "Hello world");
    expect(outcome.status).toBe(200);
    expect(text).toBe("Hello world");
    expect(events.at(-1)).toBe("[DONE]");
  });

  it("ends with an error event, not [DONE], when the streamed text is not the answer's beginning", async () => {
    const { outcome, events } = await stream(["Hel", "world"], "Hello world");
    expect(outcome.status).toBe(502);
    expect(events.at(-1)).not.toBe("[DONE]");
    expect(JSON.parse(events.at(-1)!).error).toMatchObject({ code: "upstream_failed" });
  });
});
