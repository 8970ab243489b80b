// gRPC spans, server metrics and context propagation: a client interceptor that opens a CLIENT span per call and
// puts its context in the metadata, and a server-side wrapper that continues it in a SERVER span.
import type * as grpc from "@grpc/grpc-js";
import { InterceptingCall, status as grpcStatus } from "@grpc/grpc-js";
import { context, propagation, SpanKind, SpanStatusCode, trace } from "@opentelemetry/api";
import { metrics } from "./metrics.js";
import { tracer } from "./tracing.js";

const setter = { set: (md: grpc.Metadata, key: string, value: string) => md.set(key, value) };
const getter = {
  get: (md: grpc.Metadata, key: string) => {
    const values = md.get(key);
    return values.length > 0 ? String(values[0]) : undefined;
  },
  keys: (md: grpc.Metadata) => Object.keys(md.getMap()),
};

function rpcAttributes(path: string) {
  const [, service = "", method = ""] = /^\/([^/]+)\/(.+)$/.exec(path) ?? [];
  return { "rpc.system": "grpc", "rpc.service": service, "rpc.method": method };
}

export const tracingInterceptor: grpc.Interceptor = (options, nextCall) => {
  const path = options.method_definition.path;
  const span = tracer().startSpan(path.slice(1), { kind: SpanKind.CLIENT, attributes: rpcAttributes(path) });
  const ctx = trace.setSpan(context.active(), span);
  return new InterceptingCall(nextCall(options), {
    start(metadata, _listener, next) {
      propagation.inject(ctx, metadata, setter);
      next(metadata, {
        onReceiveStatus(status, nextStatus) {
          span.setAttribute("rpc.grpc.status_code", status.code);
          if (status.code !== grpcStatus.OK) span.setStatus({ code: SpanStatusCode.ERROR, message: status.details });
          span.end();
          nextStatus(status);
        },
      });
    },
  });
};

type UnaryHandler = (call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => void;

/** Wraps the unary handlers of a service implementation in SERVER spans continuing the caller's trace. */
export function traceServiceImplementation(definition: grpc.ServiceDefinition, implementation: grpc.UntypedServiceImplementation) {
  const wrapped: grpc.UntypedServiceImplementation = { ...implementation };
  for (const [name, method] of Object.entries(definition)) {
    const handler = implementation[name] as UnaryHandler | undefined;
    if (!handler || method.requestStream || method.responseStream) continue;
    wrapped[name] = ((call: grpc.ServerUnaryCall<unknown, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const parent = propagation.extract(context.active(), call.metadata, getter);
      const span = tracer().startSpan(method.path.slice(1), { kind: SpanKind.SERVER, attributes: rpcAttributes(method.path) }, parent);
      const stopTimer = metrics.grpcServerDuration.startTimer({ method: method.path });
      context.with(trace.setSpan(parent, span), () => handler(call, (error, value, trailer, flags) => {
        const code = (error as grpc.ServiceError | null)?.code ?? grpcStatus.OK;
        if (error) span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
        span.setAttribute("rpc.grpc.status_code", code);
        span.end();
        stopTimer();
        metrics.grpcServerHandled.inc({ method: method.path, code: grpcStatus[code] ?? String(code) });
        callback(error, value, trailer, flags);
      }));
    }) as grpc.UntypedHandleCall;
  }
  return wrapped;
}
