// Anthropic's streaming events -> our stream events. message_start carries the input side of the
// usage, content_block_* the text and tool calls (keyed by block index), message_delta the stop
// reason and the cumulative output tokens, message_stop the end. An `error` event breaks the stream.
import { ProviderError, type ProviderStreamEvent } from "../../core/provider.js";
import { errorFromStreamPayload } from "../http/errors.js";
import type { SseEvent } from "../http/sse.js";
import { finishReason, usageFromAnthropic } from "./mapping.js";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : {});

const USAGE_FIELDS = ["input_tokens", "output_tokens", "cache_read_input_tokens", "cache_creation_input_tokens"] as const;

/**
 * Maps one stream's events as they arrive. `onSse` answers true at message_stop; `ended` throws
 * when the body ended before it.
 */
export function anthropicStreamMapper(provider: string, emit: (event: ProviderStreamEvent) => void) {
  // usage fields are cumulative and arrive split over message_start and message_delta
  const usage: Json = {};
  const mergeUsage = (raw: unknown) => {
    for (const field of USAGE_FIELDS) if (typeof obj(raw)[field] === "number") usage[field] = obj(raw)[field];
    return usageFromAnthropic(usage);
  };
  let stopped = false;
  function onSse(sse: SseEvent): boolean {
    let data: Json;
    try {
      data = obj(JSON.parse(sse.data));
    } catch (cause) {
      throw new ProviderError(`${provider} sent a stream event that is not JSON`, {
        code: "provider_bad_response", retryable: true, billable: true, upstreamStatus: 200, cause,
      });
    }
    const type = typeof data.type === "string" ? data.type : sse.event;
    switch (type) {
      case "message_start": {
        const message = obj(data.message);
        const event: ProviderStreamEvent = { usage: mergeUsage(message.usage) };
        if (typeof message.model === "string") event.responseModel = message.model;
        emit(event);
        break;
      }
      case "content_block_start": {
        const block = obj(data.content_block);
        const index = typeof data.index === "number" ? data.index : 0;
        if (block.type === "text" && typeof block.text === "string" && block.text) emit({ contentDelta: block.text });
        if (block.type === "tool_use") {
          emit({ toolCallDeltas: [{ index, id: String(block.id ?? ""), name: String(block.name ?? "") }] });
        }
        break;
      }
      case "content_block_delta": {
        const delta = obj(data.delta);
        const index = typeof data.index === "number" ? data.index : 0;
        if (delta.type === "text_delta" && typeof delta.text === "string" && delta.text) emit({ contentDelta: delta.text });
        if (delta.type === "input_json_delta" && typeof delta.partial_json === "string") {
          emit({ toolCallDeltas: [{ index, argumentsDelta: delta.partial_json }] });
        }
        break;
      }
      case "message_delta":
        emit({ finishReason: finishReason(obj(data.delta).stop_reason) || undefined, usage: mergeUsage(data.usage) });
        break;
      case "message_stop":
        stopped = true;
        return true;
      case "error":
        throw errorFromStreamPayload(provider, data);
      default:
        break; // ping, content_block_stop and event types added later
    }
    return false;
  }
  function ended(): void {
    if (stopped) return;
    throw new ProviderError(`${provider} ended the stream before message_stop`, {
      code: "provider_stream_incomplete", retryable: true, billable: true, upstreamStatus: 200,
    });
  }
  return { onSse, ended };
}
