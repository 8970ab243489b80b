// The one interface every provider adapter implements. Core only sees this: how an adapter
// maps requests, responses, usage and errors to the wire is the adapter's business.
import type { ProviderCall__Output, ToolCall, Usage } from "../../../common/src/index.js";

export interface ProviderResponse {
  content: string;
  toolCalls: ToolCall[];
  finishReason: string;
  /** Absent when the provider reported no usage; core then estimates it. */
  usage?: Usage;
  /** The model name the provider reported. */
  responseModel: string;
  simulated?: boolean;
}

/** One piece of a streamed answer (streaming is wired later; adapters map chunks to this). */
export interface ProviderStreamEvent {
  contentDelta?: string;
  toolCalls?: ToolCall[];
  finishReason?: string;
  usage?: Usage;
  responseModel?: string;
}

export interface ProviderAdapter {
  /** Adapter kind, for logs: openai-compatible, simulated, anthropic ... */
  readonly kind: string;
  /** Runs one attempt. Rejects with a ProviderError; `signal` aborts it. */
  complete(call: ProviderCall__Output, signal: AbortSignal): Promise<ProviderResponse>;
  /** Streaming variant; adapters add it when streaming lands. */
  stream?(call: ProviderCall__Output, signal: AbortSignal): AsyncIterable<ProviderStreamEvent>;
  close?(): Promise<void>;
}

export interface ProviderRegistry {
  /** The adapter for `ProviderCall.provider`, or undefined when the name is unknown. */
  get(provider: string): ProviderAdapter | undefined;
  close(): Promise<void>;
}

export interface ProviderErrorOptions {
  /** Stable code for clients and the ledger, e.g. provider_rate_limited. */
  code: string;
  retryable: boolean;
  upstreamStatus?: number;
  /** How long the provider asked us to wait before retrying. */
  retryAfterMs?: number;
  cause?: unknown;
}

/** A failed attempt. `message` is safe to show to clients: it never carries keys or headers. */
export class ProviderError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly upstreamStatus: number;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, { cause: options.cause });
    this.name = "ProviderError";
    this.code = options.code;
    this.retryable = options.retryable;
    this.upstreamStatus = options.upstreamStatus ?? 0;
    this.retryAfterMs = options.retryAfterMs;
  }
}

export function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError("the provider adapter failed unexpectedly", {
    code: "provider_adapter_error", retryable: false, cause: error,
  });
}
