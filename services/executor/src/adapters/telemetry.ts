// The executor's traces and metrics, kept out of core: a CONSUMER span per delivery continuing the
// gateway's trace from the message headers, and a CLIENT span plus the GenAI metrics per provider
// attempt. With no OTEL_* configuration the spans are no-ops.
import {
  busNames, context, costNano, extractContext, GenAI, inSpan, Messaging, metrics, nanoToUsd, SpanKind, SpanStatusCode, trace,
  tracer, XRouter, type CallDelivery, type ProviderCall__Output, type Span, type Usage,
} from "../../../common/src/index.js";
import type { ProviderAdapter, ProviderRegistry, ProviderResponse, ProviderStreamEvent } from "../core/provider.js";
import { asProviderError } from "../core/provider.js";

export function tracedHandler(
  handler: (delivery: CallDelivery) => Promise<void>, prefix: string, executorId: string,
): (delivery: CallDelivery) => Promise<void> {
  return async (delivery) => {
    const call = delivery.call;
    const subject = busNames(prefix).callSubject(call.provider);
    metrics.callsInFlight.inc();
    try {
      await inSpan(`process ${subject}`, {
        kind: SpanKind.CONSUMER,
        attributes: {
          [Messaging.system]: "nats", [Messaging.operationType]: "process", [Messaging.destination]: subject,
          [Messaging.messageId]: call.call_id, [XRouter.callId]: call.call_id,
          [XRouter.deliveryCount]: delivery.deliveryCount, [XRouter.executorId]: executorId,
        },
      }, () => handler(delivery), extractContext(delivery.headers));
    } finally {
      metrics.callsInFlight.dec();
    }
  };
}

// Prompts and answers reach spans only when the operator asks for them, with the GenAI
// conventions' own switch.
const CAPTURE_CONTENT = process.env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT === "true";

const labels = (call: ProviderCall__Output) => ({ gen_ai_request_model: call.model_id, gen_ai_provider_name: call.provider });

function recordSuccess(span: Span, call: ProviderCall__Output, usage: Partial<Usage> | undefined, seconds: number, response: Partial<ProviderResponse>) {
  metrics.operationDuration.observe({ ...labels(call), status: "ok" }, seconds);
  if (response.responseModel) span.setAttribute(GenAI.responseModel, response.responseModel);
  if (response.finishReason) span.setAttribute(GenAI.responseFinishReasons, [response.finishReason]);
  if (CAPTURE_CONTENT && response.content !== undefined) {
    span.setAttribute("gen_ai.output.messages", JSON.stringify([{ role: "assistant", content: response.content }]));
  }
  if (usage?.input_tokens === undefined || usage.output_tokens === undefined) return;
  const input = Number(usage.input_tokens);
  const output = Number(usage.output_tokens);
  span.setAttributes({ [GenAI.usageInputTokens]: input, [GenAI.usageOutputTokens]: output });
  metrics.tokenUsage.observe({ ...labels(call), gen_ai_token_type: "input" }, input);
  metrics.tokenUsage.observe({ ...labels(call), gen_ai_token_type: "output" }, output);
  if (call.price) {
    const nano = costNano(usage as Usage, call.price);
    span.setAttributes({ [XRouter.costNanoUsd]: nano, [XRouter.costUsd]: nanoToUsd(nano) });
  }
}

function recordFailure(span: Span, call: ProviderCall__Output, error: unknown, seconds: number) {
  const e = asProviderError(error);
  metrics.operationDuration.observe({ ...labels(call), status: "error" }, seconds);
  metrics.providerErrors.inc({ provider: call.provider, model: call.model_id, code: e.code });
  span.setAttribute("error.type", e.code);
  span.setStatus({ code: SpanStatusCode.ERROR, message: e.message });
}

function startAttemptSpan(call: ProviderCall__Output): Span {
  return tracer().startSpan(`chat ${call.model_id}`, {
    kind: SpanKind.CLIENT,
    attributes: {
      [GenAI.operationName]: "chat", [GenAI.providerName]: call.provider, [GenAI.requestModel]: call.model_id,
      [GenAI.requestMaxTokens]: call.params?.max_tokens ?? 0, [XRouter.callId]: call.call_id,
      ...(CAPTURE_CONTENT ? { "gen_ai.input.messages": JSON.stringify(call.messages.map((m) => ({ role: m.role, content: m.content }))) } : {}),
    },
  });
}

function instrument(adapter: ProviderAdapter): ProviderAdapter {
  const instrumented: ProviderAdapter = {
    kind: adapter.kind,
    async complete(call, signal) {
      const span = startAttemptSpan(call);
      const started = performance.now();
      try {
        const response = await context.with(trace.setSpan(context.active(), span), () => adapter.complete(call, signal));
        recordSuccess(span, call, response.usage, (performance.now() - started) / 1000, response);
        return response;
      } catch (error) {
        recordFailure(span, call, error, (performance.now() - started) / 1000);
        throw error;
      } finally {
        span.end();
      }
    },
    close: adapter.close ? () => adapter.close!() : undefined,
  };
  if (adapter.stream) {
    const stream = adapter.stream.bind(adapter);
    instrumented.stream = async (call, signal, onEvent) => {
      const span = startAttemptSpan(call);
      const started = performance.now();
      const usage: Partial<Usage> = {};
      const seen: Partial<ProviderResponse> = {};
      try {
        await stream(call, signal, (event: ProviderStreamEvent) => {
          if (event.usage) Object.assign(usage, event.usage);
          if (event.responseModel) seen.responseModel = event.responseModel;
          if (event.finishReason) seen.finishReason = event.finishReason;
          if (CAPTURE_CONTENT && event.contentDelta) seen.content = (seen.content ?? "") + event.contentDelta;
          onEvent(event);
        });
        recordSuccess(span, call, usage, (performance.now() - started) / 1000, seen);
      } catch (error) {
        recordFailure(span, call, error, (performance.now() - started) / 1000);
        throw error;
      } finally {
        span.end();
      }
    };
  }
  return instrumented;
}

/** The same registry, each adapter wrapped once in spans and metrics. */
export function instrumentedProviders(registry: ProviderRegistry): ProviderRegistry {
  const wrapped = new Map<ProviderAdapter, ProviderAdapter>();
  return {
    get(provider) {
      const adapter = registry.get(provider);
      if (!adapter) return undefined;
      if (!wrapped.has(adapter)) wrapped.set(adapter, instrument(adapter));
      return wrapped.get(adapter);
    },
    close: () => registry.close(),
  };
}
