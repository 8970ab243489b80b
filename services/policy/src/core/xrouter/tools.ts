// The router's tools, as xRouter defines them: one `call_<model>` tool per model it may call and
// `select_response` to return an earlier answer verbatim. Names are derived from model ids, so the
// same id always gets the same name, in the tools offered now and in the turns rebuilt from the
// gateway's outcomes alike.
import {
  CallStatus, type CallOutcome__Output, type Candidate__Output,
} from "../../../../common/src/index.js";
import type { EligibleModel } from "../candidates.js";
import type { WireTool } from "./types.js";

export const SELECT_TOOL = "select_response";
export const SELECT_ARGUMENT = "model_call_name";
export const PROMPT_ARGUMENT = "optimized_system_prompt";
/** OpenAI caps function names at 64 characters of [a-zA-Z0-9_-]. */
const MAX_TOOL_NAME = 64;

/** `call_<id>` with every character outside [A-Za-z0-9_] (xRouter: `-` and `.`) replaced by `_`. */
export function baseToolName(modelId: string): string {
  return `call_${modelId.replace(/[^A-Za-z0-9_]/g, "_")}`.slice(0, MAX_TOOL_NAME);
}

export interface Toolset {
  tools: WireTool[];
  /** Every model the request mentions (candidates, then outcomes), both ways. */
  toolByModel: ReadonlyMap<string, string>;
  modelByTool: ReadonlyMap<string, string>;
  /** The call tools offered now, by tool name. */
  callable: ReadonlyMap<string, EligibleModel>;
  /** Tool names whose model answered OK, with the latest such outcome: what select_response may name. */
  selectable: ReadonlyMap<string, CallOutcome__Output>;
  selectOffered: boolean;
}

export interface ToolsetInput {
  candidates: readonly Candidate__Output[];
  callable: readonly EligibleModel[];
  outcomes: readonly CallOutcome__Output[];
  offerSelect: boolean;
}

/** Two ids that differ only in punctuation ("gpt-4.1" and "gpt-4_1") would share a name; the later one gets a suffix. */
function nameModels(modelIds: readonly string[]): { toolByModel: Map<string, string>; modelByTool: Map<string, string> } {
  const toolByModel = new Map<string, string>();
  const modelByTool = new Map<string, string>();
  for (const id of modelIds) {
    if (toolByModel.has(id)) continue;
    const base = baseToolName(id);
    let name = base;
    for (let n = 2; modelByTool.has(name); n += 1) name = `${base.slice(0, MAX_TOOL_NAME - String(n).length - 1)}_${n}`;
    toolByModel.set(id, name);
    modelByTool.set(name, id);
  }
  return { toolByModel, modelByTool };
}

const usd = (nanoPerToken: number) => `$${nanoPerToken / 1000}`;
/** Two significant digits in plain notation: a 7B router reads "$0.000023" better than "2.3e-5". */
function usdAmount(nano: number): string {
  const usdValue = nano / 1e9;
  if (usdValue <= 0) return "$0";
  const decimals = Math.min(9, Math.max(2, Math.ceil(-Math.log10(usdValue)) + 1));
  return `$${usdValue.toFixed(decimals)}`;
}

export function describeModel(model: EligibleModel): string {
  const c = model.candidate;
  const price = c.price;
  const origin = [c.provider, c.tier ? `${c.tier} tier` : ""].filter(Boolean).join(", ");
  const parts = [
    `Call ${c.model_id}${origin ? ` (${origin})` : ""}.`,
    c.description ? `Strengths: ${c.description.replace(/\.?\s*$/, ".")}` : "",
    price ? `Price per 1M tokens: ${usd(price.input_nanousd_per_token)} input, ${usd(price.output_nanousd_per_token)} output.` : "",
    `This request costs about ${usdAmount(model.expectedNano)} with it (at most ${usdAmount(model.worstCaseNano)}).`,
    c.context_window > 0 ? `Context window: ${c.context_window} tokens.` : "",
    c.capabilities.length > 0 ? `Capabilities: ${c.capabilities.join(", ")}.` : "",
  ];
  return parts.filter(Boolean).join(" ");
}

function callTool(name: string, model: EligibleModel): WireTool {
  return {
    type: "function",
    function: {
      name,
      description: describeModel(model),
      parameters: {
        type: "object",
        properties: {
          [PROMPT_ARGUMENT]: {
            type: "string",
            description: "The system prompt for this model, written for this request: its role, what to do and the form of the answer.",
          },
          temperature: {
            type: "number", minimum: 0, maximum: 2,
            description: "Sampling temperature: low for exact answers (maths, code, facts), higher for creative writing.",
          },
        },
        required: [PROMPT_ARGUMENT],
      },
    },
  };
}

function selectTool(names: readonly string[]): WireTool {
  return {
    type: "function",
    function: {
      name: SELECT_TOOL,
      description: "Return the answer of an earlier model call to the user verbatim, ending the request. "
        + "Use it when one answer is complete and correct as it stands; it costs nothing more.",
      parameters: {
        type: "object",
        properties: {
          [SELECT_ARGUMENT]: { type: "string", enum: [...names], description: "The name of the call tool whose answer to return, e.g. call_gpt_5." },
        },
        required: [SELECT_ARGUMENT],
      },
    },
  };
}

export function buildToolset(input: ToolsetInput): Toolset {
  const ids = [...input.candidates.map((c) => c.model_id), ...input.outcomes.map((o) => o.model_id)];
  const { toolByModel, modelByTool } = nameModels(ids);
  const callable = new Map<string, EligibleModel>();
  for (const model of input.callable) callable.set(toolByModel.get(model.candidate.model_id)!, model);
  const selectable = new Map<string, CallOutcome__Output>();
  for (const outcome of input.outcomes) {
    if (outcome.status === CallStatus.CALL_STATUS_OK) selectable.set(toolByModel.get(outcome.model_id)!, outcome);
  }
  const selectOffered = input.offerSelect && selectable.size > 0;
  const tools = [...callable].map(([name, model]) => callTool(name, model));
  if (selectOffered) tools.push(selectTool([...selectable.keys()]));
  return { tools, toolByModel, modelByTool, callable, selectable, selectOffered };
}
