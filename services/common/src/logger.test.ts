import { Writable } from "node:stream";
import { context, trace } from "@opentelemetry/api";
import { AsyncLocalStorageContextManager } from "@opentelemetry/context-async-hooks";
import { BasicTracerProvider } from "@opentelemetry/sdk-trace-base";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger, lazyChild, logReady } from "./logger.js";

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

  it("makes a lazy child only for a line at or above the level, and that line carries the bindings", () => {
    const { lines, sink } = capture();
    const logger = createLogger("test", "info", sink);
    const children: unknown[] = [];
    const child = logger.child.bind(logger);
    logger.child = ((...args: Parameters<typeof child>) => { children.push(args[0]); return child(...args); }) as typeof logger.child;
    const log = lazyChild(logger, { call_id: "c1" });
    log.debug({ detail: 1 }, "below the level");
    expect(log.isLevelEnabled("debug")).toBe(false);
    expect(children).toEqual([]);
    log.info({ status: "ok" }, "first");
    log.warn("second");
    expect(children).toEqual([{ call_id: "c1" }]);
    expect(lines).toEqual([
      expect.objectContaining({ msg: "first", call_id: "c1", status: "ok" }),
      expect.objectContaining({ msg: "second", call_id: "c1", level: 40 }),
    ]);
  });
});
