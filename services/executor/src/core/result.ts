// Builds the ProviderResult a call ends with, and the ledger's CallRecords of it and of its
// billable abandoned attempts. Every field is filled explicitly so a result stored in the KV bucket
// and one sent on the wire are identical.
import {
  CallStatus, costNano,
  type CallError__Output, type CallRecord, type CallStatus__Output, type ProviderCall__Output,
  type ProviderResult__Output, type RunStarted__Output, type Usage__Output,
} from "../../../common/src/index.js";
import { attemptCallId, billAttempt, NO_USAGE } from "./billing.js";
import type { ProviderError, ProviderResponse } from "./provider.js";
import { countMessageTokens, estimateUsage } from "./usage.js";

const ZERO_PRICE = {
  input_nanousd_per_token: 0, cached_input_nanousd_per_token: 0, output_nanousd_per_token: 0, cache_write_nanousd_per_token: 0,
};

export interface Finished {
  executorId: string;
  attempts: number;
  latencyMs: number;
  /** The delivery of the call that ran it: each run of a redelivered call is billed apart. */
  execution: number;
}

function base(call: ProviderCall__Output, status: CallStatus__Output, done: Finished): ProviderResult__Output {
  return {
    call_id: call.call_id, request_id: call.request_id, model_id: call.model_id, provider: call.provider,
    status, content: "", tool_calls: [], finish_reason: "", usage: { ...NO_USAGE }, cost_nanousd: 0,
    latency_ms: Math.max(0, Math.round(done.latencyMs)), attempts: done.attempts, error: null,
    executor_id: done.executorId, response_model: "", simulated: false, execution: done.execution,
  };
}

function toUsageOutput(usage: NonNullable<ProviderResponse["usage"]>): Usage__Output {
  const n = (v: unknown) => (v === undefined || v === null ? 0 : Number(v));
  return {
    input_tokens: n(usage.input_tokens), output_tokens: n(usage.output_tokens),
    cached_input_tokens: n(usage.cached_input_tokens), reasoning_tokens: n(usage.reasoning_tokens),
    cache_write_tokens: n(usage.cache_write_tokens), estimated: Boolean(usage.estimated),
  };
}

export function okResult(call: ProviderCall__Output, response: ProviderResponse, done: Finished): ProviderResult__Output {
  const usage = toUsageOutput(response.usage ?? estimateUsage(call.messages, response.content, response.toolCalls));
  return {
    ...base(call, CallStatus.CALL_STATUS_OK, done),
    content: response.content,
    tool_calls: response.toolCalls.map((t) => ({
      id: t.id ?? "", type: t.type || "function", function_name: t.function_name ?? "", function_arguments: t.function_arguments ?? "",
    })),
    finish_reason: response.finishReason,
    usage,
    cost_nanousd: costNano(usage, call.price ?? ZERO_PRICE),
    response_model: response.responseModel,
    simulated: Boolean(response.simulated),
  };
}

export const toCallError = (e: ProviderError): CallError__Output =>
  ({ code: e.code, message: e.message, upstream_status: e.upstreamStatus, retryable: e.retryable });

/**
 * A call that ended without an answer. `finalAttempt` is the attempt that ended it (not billed as
 * an abandoned attempt): when the provider may have charged for it, the call's row carries its
 * estimated cost. `streamed` is the text already sent to the caller as deltas.
 */
export function errorResult(
  call: ProviderCall__Output, status: CallStatus__Output, error: CallError__Output, done: Finished,
  finalAttempt?: ProviderError, streamed = "",
): ProviderResult__Output {
  const bill = billAttempt(call, finalAttempt);
  return { ...base(call, status, done), error, usage: bill.usage, cost_nanousd: bill.costNano, content: streamed };
}

export function toCallRecord(call: ProviderCall__Output, result: ProviderResult__Output, createdUnixMs: number): CallRecord {
  return {
    call_id: result.call_id, request_id: result.request_id || call.request_id, tenant_id: call.tenant_id,
    key_id: call.key_id, model_id: result.model_id || call.model_id, provider: result.provider || call.provider,
    status: result.status, usage: result.usage, cost_nanousd: result.cost_nanousd, latency_ms: result.latency_ms,
    attempts: result.attempts, error_code: result.error?.code ?? "", executor_id: result.executor_id,
    created_unix_ms: createdUnixMs, execution: result.execution, budget_lease_id: call.budget_lease_id,
  };
}

/** The ledger row of a billable attempt that was abandoned (retried, or cut off by a stop). */
export function attemptRecord(
  call: ProviderCall__Output, where: { execution: number; attempt: number }, error: ProviderError,
  done: { executorId: string; latencyMs: number }, createdUnixMs: number,
): CallRecord {
  const bill = billAttempt(call, error);
  const timedOut = error.code === "provider_timeout";
  return {
    call_id: attemptCallId(call.call_id, where.execution, where.attempt), request_id: call.request_id, tenant_id: call.tenant_id,
    key_id: call.key_id, model_id: call.model_id, provider: call.provider,
    status: timedOut ? CallStatus.CALL_STATUS_TIMEOUT : CallStatus.CALL_STATUS_FAILED,
    usage: bill.usage, cost_nanousd: bill.costNano, latency_ms: Math.max(0, Math.round(done.latencyMs)), attempts: where.attempt,
    error_code: error.code, executor_id: done.executorId, created_unix_ms: createdUnixMs, execution: where.execution,
    budget_lease_id: call.budget_lease_id,
  };
}

/**
 * The ledger row of a run whose executor went away after marking it (RunStarted) and before
 * recording it. Whether the provider answered is unknown, so the run is billed at the worst case
 * the gateway reserved for it: the prompt and max_tokens of output, flagged estimated. The run's
 * own record, should the run turn out alive, replaces this one in the ledger.
 */
export function lostRunRecord(call: ProviderCall__Output, run: RunStarted__Output, createdUnixMs: number): CallRecord {
  const usage: Usage__Output = {
    ...NO_USAGE, input_tokens: countMessageTokens(call.messages), output_tokens: call.params?.max_tokens ?? 0, estimated: true,
  };
  return {
    call_id: call.call_id, request_id: call.request_id, tenant_id: call.tenant_id, key_id: call.key_id,
    model_id: call.model_id, provider: call.provider, status: CallStatus.CALL_STATUS_LOST,
    usage, cost_nanousd: costNano(usage, call.price ?? ZERO_PRICE), latency_ms: 0, attempts: 0,
    error_code: "executor_lost", executor_id: run.executor_id, created_unix_ms: createdUnixMs, execution: run.execution,
    budget_lease_id: call.budget_lease_id,
  };
}

/** The final answer to a caller whose call was dead-lettered: another model may still answer. */
export function deadLetteredResult(
  call: ProviderCall__Output, executorId: string, reason: string, execution: number,
): ProviderResult__Output {
  return errorResult(call, CallStatus.CALL_STATUS_UNAVAILABLE, {
    code: "dead_lettered", message: `the executor pool could not complete the call (${reason})`, upstream_status: 0, retryable: true,
  }, { executorId, attempts: 0, latencyMs: 0, execution });
}
