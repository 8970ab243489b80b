// Turns the router LLM's reply into the next step: its tool calls (in OpenAI's wire format, or as
// hermes `<tool_call>` text when the server's parser let them through as content) become model
// calls or a selection; plain text becomes the answer. Anything unusable is reported as problems,
// which the backend hands back to the router once before it falls back.
import type { CallOutcome__Output } from "../../../../common/src/index.js";
import type { EligibleModel } from "../candidates.js";
import type { Problem } from "./conversation.js";
import { PROMPT_ARGUMENT, SELECT_ARGUMENT, SELECT_TOOL, type Toolset } from "./tools.js";
import type { RouterChatReply, RouterMode } from "./types.js";

export interface PlannedCall {
  model: EligibleModel;
  systemPrompt: string;
  temperature: number | undefined;
}

export type RouterAction =
  | { kind: "call"; calls: PlannedCall[] }
  | { kind: "select"; outcome: CallOutcome__Output }
  | { kind: "answer"; content: string };

export type Verdict =
  /** `note` says what was dropped; `commentary` is the router's text beside its tool calls. */
  | { ok: true; action: RouterAction; note: string; commentary: string }
  | { ok: false; problems: Problem[] };

interface RawCall {
  id: string;
  name: string;
  arguments: string;
  /** Set when the call itself could not be read (hermes text that is not JSON). */
  unreadable?: string;
}

const REASONING_TAGS = ["think", "thinking", "reasoning"];

/** Removes reasoning blocks: closed ones, one left open at the end, and a close whose open tag was in the prompt. */
export function stripReasoning(text: string): string {
  let out = text;
  for (const tag of REASONING_TAGS) {
    out = out.replace(new RegExp(`<${tag}>[\\s\\S]*?</${tag}>`, "gi"), "");
    out = out.replace(new RegExp(`<${tag}>[\\s\\S]*$`, "i"), "");
    const close = out.search(new RegExp(`</${tag}>`, "i"));
    if (close >= 0) out = out.slice(close + tag.length + 3);
  }
  return out.trim();
}

const HERMES = /<tool_call>([\s\S]*?)<\/tool_call>|<tool_call>([\s\S]*)$/g;

/** vLLM's hermes parser gives up on the whole reply when one block is not JSON; here each block stands alone. */
export function hermesToolCalls(text: string): { calls: RawCall[]; rest: string } {
  const calls: RawCall[] = [];
  for (const match of text.matchAll(HERMES)) {
    const body = (match[1] ?? match[2] ?? "").trim();
    const id = `text_call_${calls.length}`;
    try {
      const parsed = JSON.parse(body) as { name?: unknown; arguments?: unknown };
      if (typeof parsed?.name !== "string") throw new TypeError("no name");
      const args = typeof parsed.arguments === "string" ? parsed.arguments : JSON.stringify(parsed.arguments ?? {});
      calls.push({ id, name: parsed.name, arguments: args });
    } catch {
      calls.push({ id, name: "", arguments: "", unreadable: `a <tool_call> block is not JSON of the form {"name": ..., "arguments": {...}}.` });
    }
  }
  const first = text.indexOf("<tool_call>");
  return { calls, rest: first >= 0 ? text.slice(0, first).trim() : text };
}

export function readReply(reply: RouterChatReply): { calls: RawCall[]; text: string } {
  const text = stripReasoning(reply.content ?? "");
  if (reply.toolCalls.length > 0) {
    return { calls: reply.toolCalls.map((c) => ({ id: c.id, name: c.function.name, arguments: c.function.arguments })), text };
  }
  const hermes = hermesToolCalls(text);
  return { calls: hermes.calls, text: hermes.rest };
}

function parseArguments(raw: string): Record<string, unknown> | string {
  if (raw.trim() === "") return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    if (parsed && typeof parsed === "object" && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
    return "its arguments are not a JSON object.";
  } catch {
    return "its arguments are not valid JSON.";
  }
}

/** An out-of-range or non-numeric temperature is dropped, not fatal: the model's default serves. */
function temperatureOf(value: unknown): number | undefined {
  const n = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof n === "number" && Number.isFinite(n) && n >= 0 && n <= 2 ? n : undefined;
}

function resolveSelection(value: unknown, toolset: Toolset): CallOutcome__Output | undefined {
  if (typeof value !== "string") return undefined;
  const name = value.trim();
  const direct = toolset.selectable.get(name) ?? toolset.selectable.get(toolset.toolByModel.get(name) ?? "");
  return direct ?? [...toolset.selectable.values()].find((o) => o.call_id === name);
}

export interface InterpretOptions {
  mode: RouterMode;
  /** After one correction the valid part of a reply is used even when other calls in it were invalid. */
  lenient: boolean;
  /** False when the application sent tools: only a called model can answer with its tool calls. */
  allowAnswer: boolean;
}

export function interpretReply(reply: RouterChatReply, toolset: Toolset, options: InterpretOptions): Verdict {
  const { calls, text } = readReply(reply);
  if (calls.length === 0) {
    if (text === "") return { ok: false, problems: [{ message: "the reply was empty (or only reasoning)." }] };
    if (!options.allowAnswer) {
      const message = "the application offers its own tools, which only a called model can use: call a model or select an answer.";
      return { ok: false, problems: [{ message }] };
    }
    return { ok: true, action: { kind: "answer", content: text }, note: "", commentary: "" };
  }
  const problems: Problem[] = [];
  const planned: PlannedCall[] = [];
  let selected: CallOutcome__Output | undefined;
  for (const call of calls) {
    const fail = (message: string) => problems.push({ toolCallId: call.id, message });
    if (call.unreadable) { fail(call.unreadable); continue; }
    const args = parseArguments(call.arguments);
    if (typeof args === "string") { fail(`the call to ${call.name}: ${args}`); continue; }
    if (call.name === SELECT_TOOL && toolset.selectOffered) {
      const outcome = resolveSelection(args[SELECT_ARGUMENT], toolset);
      if (!outcome) fail(`${SELECT_TOOL} needs ${SELECT_ARGUMENT}, one of: ${[...toolset.selectable.keys()].join(", ")}.`);
      else selected ??= outcome;
      continue;
    }
    const model = toolset.callable.get(call.name);
    if (!model) { fail(`${call.name || "(no name)"} is not an offered tool; offered: ${offered(toolset)}.`); continue; }
    const prompt = args[PROMPT_ARGUMENT];
    if (typeof prompt !== "string" || prompt.trim() === "") { fail(`the call to ${call.name} needs a non-empty ${PROMPT_ARGUMENT}.`); continue; }
    planned.push({ model, systemPrompt: prompt.trim(), temperature: temperatureOf(args.temperature) });
  }
  if (problems.length > 0 && !options.lenient) return { ok: false, problems };
  const note = problems.length > 0 ? `ignored ${problems.length} invalid tool call(s)` : "";
  if (selected) return { ok: true, action: { kind: "select", outcome: selected }, note, commentary: text };
  if (planned.length === 0) return { ok: false, problems };
  if (options.mode === "simple" && planned.length > 1) {
    const kept = joinNotes(note, `simple mode: kept the first of ${planned.length} calls`);
    return { ok: true, action: { kind: "call", calls: planned.slice(0, 1) }, note: kept, commentary: text };
  }
  return { ok: true, action: { kind: "call", calls: planned }, note, commentary: text };
}

function offered(toolset: Toolset): string {
  return [...toolset.callable.keys(), ...(toolset.selectOffered ? [SELECT_TOOL] : [])].join(", ") || "none";
}

const joinNotes = (...notes: string[]) => notes.filter(Boolean).join("; ");
