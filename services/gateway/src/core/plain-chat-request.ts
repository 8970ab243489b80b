// The common chat request, recognised without zod. Validating a request with the schema costs
// ~75 µs on the gateway's path at a moderate rate (zod's code is cold when requests come a few
// milliseconds apart, ~1.7 µs when hot), a fifth of the gateway's work before the call leaves.
// Most requests are plain: string contents, a few sampling numbers. Those are accepted here when
// every field holds a value the schema accepts unchanged; anything else (content parts, tools,
// routing hints, a value out of range, a wrong type) goes to the schema, which alone rejects and
// names the parameter. plain-chat-request.test.ts checks, on generated bodies, that whatever is
// accepted here the schema accepts with the same result.
import type { ChatRequest } from "./chat-request.js";

const ROLES = new Set(["system", "developer", "user", "assistant", "tool"]);

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const nullish = (v: unknown) => v === undefined || v === null;
const optionalString = (v: unknown) => v === undefined || typeof v === "string";
const nullishString = (v: unknown) => nullish(v) || typeof v === "string";
const inRange = (v: unknown, min: number, max: number) => typeof v === "number" && Number.isFinite(v) && v >= min && v <= max;
const positiveInt = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;

function plainMessage(m: unknown): boolean {
  return isObject(m) && ROLES.has(m.role as string)
    && (nullish(m.content) || typeof m.content === "string")
    && optionalString(m.name) && optionalString(m.tool_call_id) && m.tool_calls === undefined;
}

/** The body as the schema would return it, or undefined: let the schema decide. */
export function acceptPlainRequest(body: Record<string, unknown>): ChatRequest | undefined {
  const { messages } = body;
  if (typeof body.model !== "string" || body.model.length === 0) return undefined;
  if (!Array.isArray(messages) || messages.length === 0 || !messages.every(plainMessage)) return undefined;
  const plain = (nullish(body.max_tokens) || positiveInt(body.max_tokens))
    && (nullish(body.max_completion_tokens) || positiveInt(body.max_completion_tokens))
    && (nullish(body.temperature) || inRange(body.temperature, 0, 2))
    && (nullish(body.top_p) || inRange(body.top_p, 0, 1))
    && nullishString(body.stop)
    && (nullish(body.n) || body.n === 1)
    && (nullish(body.seed) || Number.isSafeInteger(body.seed))
    && nullishString(body.user)
    && (nullish(body.stream) || typeof body.stream === "boolean")
    // structured fields are the schema's
    && body.tools === undefined && body.tool_choice === undefined && body.response_format === undefined
    && body.stream_options === undefined && body.router === undefined;
  return plain ? (body as ChatRequest) : undefined;
}
