// The one interface every provider adapter implements. Core only sees this: how an adapter
// maps requests, responses, stream chunks, usage and errors to the wire is the adapter's business.
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

/** A piece of a streamed tool call; `index` tells calls apart, arguments arrive in fragments. */
export interface ToolCallDelta {
  index: number;
  id?: string;
  name?: string;
  argumentsDelta?: string;
}

/** One piece of a streamed answer, in whatever order the provider's chunks carry them. */
export interface ProviderStreamEvent {
  contentDelta?: string;
  toolCallDeltas?: ToolCallDelta[];
  finishReason?: string;
  /** Usage so far; a later event's usage replaces an earlier one field by field. */
  usage?: Partial<Usage>;
  responseModel?: string;
}

export interface ProviderAdapter {
  /** Adapter kind, for logs: openai-compatible, anthropic, replay, simulated ... */
  readonly kind: string;
  /** Runs one attempt. Rejects with a ProviderError; `signal` aborts it. */
  complete(call: ProviderCall__Output, signal: AbortSignal): Promise<ProviderResponse>;
  /**
   * Streams one attempt: each event goes to `onEvent` as it arrives. Resolves when the answer is
   * complete; rejects with a ProviderError, or with what `onEvent` threw. `signal` aborts the
   * upstream request.
   */
  stream?(call: ProviderCall__Output, signal: AbortSignal, onEvent: (event: ProviderStreamEvent) => void): Promise<void>;
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
  /**
   * The provider may have charged for this attempt: the request reached it and it may have
   * generated (a broken stream, a reset or timeout after sending, a garbled 2xx). An HTTP error
   * status is never billable: providers do not charge for requests they refuse.
   */
  billable?: boolean;
  /** Text the provider produced before the attempt failed, for estimating its cost. */
  partialText?: string;
  /** Usage the provider reported before failing (Anthropic reports input tokens up front). */
  partialUsage?: Partial<Usage>;
  cause?: unknown;
}

/** A failed attempt. `message` is safe to show to clients: it never carries keys or headers. */
export class ProviderError extends Error {
  readonly code: string;
  readonly retryable: boolean;
  readonly upstreamStatus: number;
  readonly retryAfterMs: number | undefined;
  readonly billable: boolean;
  readonly partialText: string;
  readonly partialUsage: Partial<Usage> | undefined;

  constructor(message: string, options: ProviderErrorOptions) {
    super(message, { cause: options.cause });
    this.name = "ProviderError";
    this.code = options.code;
    this.retryable = options.retryable;
    this.upstreamStatus = options.upstreamStatus ?? 0;
    this.retryAfterMs = options.retryAfterMs;
    this.billable = options.billable ?? false;
    this.partialText = options.partialText ?? "";
    this.partialUsage = options.partialUsage;
  }

  /** The same failure, with what the attempt produced before it broke. */
  withPartial(partial: { text: string; usage?: Partial<Usage>; billable?: boolean }): ProviderError {
    return new ProviderError(this.message, {
      code: this.code, retryable: this.retryable, upstreamStatus: this.upstreamStatus, retryAfterMs: this.retryAfterMs,
      billable: partial.billable ?? this.billable, partialText: partial.text, partialUsage: partial.usage ?? this.partialUsage,
      cause: this.cause,
    });
  }
}

export function asProviderError(error: unknown): ProviderError {
  if (error instanceof ProviderError) return error;
  return new ProviderError("the provider adapter failed unexpectedly", {
    code: "provider_adapter_error", retryable: false, cause: error,
  });
}
