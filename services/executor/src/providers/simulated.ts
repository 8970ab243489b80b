// Answers for providers that have no API key, so the whole router can be tried without keys.
// The answer says plainly that it is simulated; usage is counted with our tokenizer.
import type { ProviderCall__Output } from "../../../common/src/index.js";
import { systemClock, type Clock } from "../core/ports.js";
import { ProviderError, type ProviderAdapter, type ProviderResponse } from "../core/provider.js";
import { estimateUsage } from "../core/usage.js";

const SUMMARY_CHARS = 160;

function lastUserSummary(call: ProviderCall__Output): string {
  const last = [...call.messages].reverse().find((m) => m.role === "user");
  const text = (last?.content ?? "").replace(/\s+/g, " ").trim();
  return text.length > SUMMARY_CHARS ? `${text.slice(0, SUMMARY_CHARS)}...` : text;
}

export function simulatedAnswer(call: ProviderCall__Output): string {
  const model = call.model_id || call.upstream_model;
  const summary = lastUserSummary(call);
  return `[simulated answer from ${model}: no provider key is configured] `
    + (summary ? `You asked: "${summary}"` : "There was no user message to answer.");
}

export function createSimulatedAdapter(options: { latencyMs: number; clock?: Clock }): ProviderAdapter {
  const clock = options.clock ?? systemClock;
  return {
    kind: "simulated",
    async complete(call, signal): Promise<ProviderResponse> {
      try {
        await clock.sleep(options.latencyMs, signal);
      } catch (cause) {
        throw new ProviderError("the simulated call was cancelled", { code: "provider_call_aborted", retryable: false, cause });
      }
      const content = simulatedAnswer(call);
      return {
        content, toolCalls: [], finishReason: "stop", usage: estimateUsage(call.messages, content, []),
        responseModel: call.upstream_model || call.model_id, simulated: true,
      };
    },
  };
}

/** For deployments that refuse to simulate: every call fails with a clear, permanent error. */
export function createNotConfiguredAdapter(): ProviderAdapter {
  return {
    kind: "not-configured",
    async complete(call) {
      throw new ProviderError(`provider '${call.provider}' has no API key configured on the executor`, {
        code: "provider_not_configured", retryable: false,
      });
    },
  };
}
