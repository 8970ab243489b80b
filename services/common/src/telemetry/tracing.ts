// Tracing with the OpenTelemetry SDK, configured only by the standard OTEL_* variables
// (OTEL_EXPORTER_OTLP_ENDPOINT, OTEL_TRACES_EXPORTER, OTEL_SERVICE_NAME, OTEL_SDK_DISABLED, ...).
// With none of them set, tracing stays off and the API is a no-op. Context crosses processes as W3C
// trace context: in gRPC metadata (grpc.ts here) and in NATS message headers (propagation helpers).
import {
  context, propagation, SpanKind, SpanStatusCode, trace, type Context, type Span, type SpanOptions, type Tracer,
} from "@opentelemetry/api";
import type { NodeSDK } from "@opentelemetry/sdk-node";

let sdk: NodeSDK | undefined;

function tracingConfigured(env: NodeJS.ProcessEnv): boolean {
  if (env.OTEL_SDK_DISABLED === "true") return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT
    || (env.OTEL_TRACES_EXPORTER && env.OTEL_TRACES_EXPORTER !== "none"));
}

/**
 * Starts the SDK once per process, before the application is loaded (see register.ts). The SDK
 * (~25 MiB) is only loaded when tracing is configured.
 */
export async function startTracing(serviceName: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  if (sdk || !tracingConfigured(env)) return false;
  // metrics are served by Prometheus /metrics and logs by pino: only traces go through the SDK
  env.OTEL_METRICS_EXPORTER ??= "none";
  env.OTEL_LOGS_EXPORTER ??= "none";
  const { NodeSDK: Sdk } = await import("@opentelemetry/sdk-node");
  sdk = new Sdk({ serviceName: env.OTEL_SERVICE_NAME ?? serviceName, instrumentations: [] });
  sdk.start();
  return true;
}

/** `xrouter-<service>` from the entry point's path, compiled (dist/.../main.js) or source (main.ts). */
export function serviceNameOf(entryPath: string | undefined): string {
  return `xrouter-${/services\/([a-z]+)\/src\/main\.[jt]s$/.exec(entryPath ?? "")?.[1] ?? "unknown"}`;
}

/** Flushes and stops the SDK; services call it before they exit so no span is lost. */
export async function shutdownTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown().catch(() => undefined);
}

export const tracer = (name = "xrouter"): Tracer => trace.getTracer(name);

export type Carrier = Record<string, string>;

export function injectContext(ctx: Context = context.active(), carrier: Carrier = {}): Carrier {
  propagation.inject(ctx, carrier);
  return carrier;
}

export function extractContext(carrier: Carrier | undefined): Context {
  return propagation.extract(context.active(), carrier ?? {});
}

/** Runs fn inside a new active span; records an exception and error status when fn throws. */
export async function inSpan<T>(
  name: string, options: SpanOptions, fn: (span: Span) => Promise<T>, parent: Context = context.active(), tracerName?: string,
): Promise<T> {
  const span = tracer(tracerName).startSpan(name, options, parent);
  try {
    return await context.with(trace.setSpan(parent, span), () => fn(span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error)?.message });
    throw error;
  } finally {
    span.end();
  }
}

export { context, SpanKind, SpanStatusCode, trace, type Context, type Span };
