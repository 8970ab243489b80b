import { Writable } from "node:stream";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, logReady } from "./logger.js";

const manager = new AsyncLocalStorageContextManager();
beforeAll(() => { context.setGlobalContextManager(manager.enable()); });
afterAll(() => { manager.disable(); context.disable(); });

function capture() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({ write(chunk, _enc, done) { lines.push(JSON.parse(String(chunk))); done(); } });
  return { lines, sink };
}

describe("logger", () => {
  it("puts the active trace and span ids on every line logged inside a span", () => {
    const { lines, sink } = capture();
    const logger = createLogger("test", "info", sink);
    const span = new BasicTracerProvider().getTracer("t").startSpan("work");
    context.with(trace.setSpan(context.active(), span), () => logger.info("inside"));
    logger.info("outside");
    span.end();
    expect(lines[0]).toMatchObject({ msg: "inside", trace_id: span.spanContext().traceId, span_id: span.spanContext().spanId });
    expect(lines[1]!.trace_id).toBeUndefined();
  });

  it("redacts keys and authorization headers", () => {
    const { lines, sink } = capture();
    const logger = createLogger("test", "info", sink);
    logger.info({ apiKey: "xr-secret", req: { headers: { authorization: "Bearer xr-secret" } }, call: { api_key: "sk-1" } }, "x");
    expect(JSON.stringify(lines[0])).not.toMatch(/xr-secret|sk-1/);
    expect(lines[0]!.apiKey).toBe("[redacted]");
  });

  it("writes the ready line even when the level hides info", () => {
    const { lines, sink } = capture();
    const logger = createLogger("test", "warn", sink);
    logger.info("hidden");
    logReady(logger, { port: 1234 });
    expect(lines).toEqual([expect.objectContaining({ msg: "ready", port: 1234 })]);
  });
});
