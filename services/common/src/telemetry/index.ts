export * from "./attributes.js";
export * from "./tracing.js";
export { traceServiceImplementation, tracingInterceptor } from "./grpc-tracing.js";
export * from "./metrics.js";
export { mark, TIMELINE_CHANNEL, type TimelineMark, type TimelinePoint } from "./timeline.js";
