// The replay provider: answers a call with the answer a data set recorded for that prompt and
// model, with the recorded token counts, so tokens x catalog price reproduces the data set's cost.
// Lookup is by the exact text of the last user message; a prompt the data set lacks is a clear
// provider error. An optional latency model makes replayed calls take time like real ones.
import type { ProviderCall__Output } from "../../../../common/src/index.js";
import { systemClock, type Clock } from "../../core/ports.js";
import { ProviderError, type ProviderAdapter, type ProviderResponse } from "../../core/provider.js";
import type { ReplayAnswer, ReplayDataset } from "./dataset.js";

/** `none`, or a fixed delay plus a delay per recorded output token. */
export interface ReplayLatency {
  baseMs: number;
  perOutputTokenMs: number;
}

export const NO_LATENCY: ReplayLatency = { baseMs: 0, perOutputTokenMs: 0 };

/** "none" | "fixed:<ms>" | "tokens:<ms per output token>[+<base ms>]"; undefined when malformed. */
export function parseReplayLatency(spec: string): ReplayLatency | undefined {
  if (spec === "" || spec === "none") return NO_LATENCY;
  const fixed = /^fixed:(\d+(?:\.\d+)?)$/.exec(spec);
  if (fixed) return { baseMs: Number(fixed[1]), perOutputTokenMs: 0 };
  const tokens = /^tokens:(\d+(?:\.\d+)?)(?:\+(\d+(?:\.\d+)?))?$/.exec(spec);
  if (tokens) return { perOutputTokenMs: Number(tokens[1]), baseMs: Number(tokens[2] ?? 0) };
  return undefined;
}

export interface ReplayOptions {
  /** The data set, or a loader called on the first call (the default data sets load lazily). */
  dataset: ReplayDataset | (() => ReplayDataset);
  latency?: ReplayLatency;
  clock?: Clock;
}

export function lastUserText(call: ProviderCall__Output): string {
  const last = [...call.messages].reverse().find((m) => m.role === "user");
  if (!last) return "";
  if (!last.content_parts_json) return last.content;
  try {
    const parts = JSON.parse(last.content_parts_json) as Array<{ type?: string; text?: string }>;
    return parts.filter((p) => p.type === "text").map((p) => p.text ?? "").join("\n");
  } catch {
    return last.content;
  }
}

export function createReplayAdapter(options: ReplayOptions): ProviderAdapter {
  const clock = options.clock ?? systemClock;
  const latency = options.latency ?? NO_LATENCY;
  let dataset: ReplayDataset | undefined = typeof options.dataset === "function" ? undefined : options.dataset;

  function answerFor(call: ProviderCall__Output): ReplayAnswer {
    if (!dataset) {
      try {
        dataset = (options.dataset as () => ReplayDataset)();
      } catch (cause) {
        throw new ProviderError(`the replay data could not be loaded: ${(cause as Error).message}`, {
          code: "replay_data_unavailable", retryable: false, cause,
        });
      }
    }
    const prompt = lastUserText(call);
    const record = dataset.lookup(prompt);
    if (!record) {
      throw new ProviderError(`the replay data has no record of this prompt (${prompt.length} characters, starting `
        + `${JSON.stringify(prompt.slice(0, 40))}); replay serves only the prompts of its data set`, {
        code: "replay_prompt_unknown", retryable: false,
      });
    }
    const answer = record.models[call.upstream_model] ?? record.models[call.model_id];
    if (!answer) {
      throw new ProviderError(`the replay record ${record.id} has no answer of model '${call.upstream_model}'`, {
        code: "replay_model_unknown", retryable: false,
      });
    }
    return answer;
  }

  async function wait(ms: number, signal: AbortSignal) {
    if (ms <= 0) return;
    try {
      await clock.sleep(ms, signal);
    } catch (cause) {
      throw new ProviderError("the replayed call was cancelled", { code: "provider_call_aborted", retryable: false, billable: true, cause });
    }
  }

  const usageOf = (a: ReplayAnswer) => ({
    input_tokens: a.input_tokens, output_tokens: a.output_tokens, cached_input_tokens: 0, reasoning_tokens: 0,
    cache_write_tokens: 0, estimated: false,
  });

  return {
    kind: "replay",
    async complete(call, signal): Promise<ProviderResponse> {
      const answer = answerFor(call);
      await wait(latency.baseMs + latency.perOutputTokenMs * answer.output_tokens, signal);
      return {
        content: answer.response, toolCalls: [], finishReason: "stop", usage: usageOf(answer),
        responseModel: call.upstream_model || call.model_id,
      };
    },
    async stream(call, signal, onEvent) {
      const answer = answerFor(call);
      onEvent({ responseModel: call.upstream_model || call.model_id });
      await wait(latency.baseMs, signal);
      const pieces = answer.response.match(/\s*\S+\s*|\s+/g) ?? [];
      const perPiece = pieces.length > 0 ? (latency.perOutputTokenMs * answer.output_tokens) / pieces.length : 0;
      for (const piece of pieces) {
        await wait(perPiece, signal);
        onEvent({ contentDelta: piece });
      }
      onEvent({ finishReason: "stop", usage: usageOf(answer) });
    },
  };
}
