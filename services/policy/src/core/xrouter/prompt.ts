// Our system prompt for the router LLM. It states the rules xRouter was trained on (answer trivial
// requests directly, otherwise call models, then select or synthesise; cheaper wins when both
// suffice), plus the turn budget, which only we know: the gateway stops after max_turns.
import type { RouterMode } from "./types.js";
import { PROMPT_ARGUMENT, SELECT_ARGUMENT, SELECT_TOOL } from "./tools.js";

export interface PromptContext {
  mode: RouterMode;
  turn: number;
  maxTurns: number;
  /** Whether the call tools are offered this turn (not on the last one once an answer exists). */
  callsOffered: boolean;
  selectOffered: boolean;
  /** The application's own system / developer messages, which the called models receive too. */
  instructions: string[];
  /** The application sent tools of its own: a direct answer could not call them. */
  clientTools: boolean;
}

const COMMON_HEAD = "You are xRouter, a cost-aware router. You answer the user's request yourself or by calling "
  + "other language models through your tools, and every token they read and write is paid for.";

const AGENT_RULES = [
  "If the request is trivial (a greeting, a simple fact, easy arithmetic), answer it directly without any tool.",
  `Otherwise call one model with its call_<model> tool, or several at once when the task is hard or an answer needs `
    + `a second opinion. Give each call an ${PROMPT_ARGUMENT}: the model's role, what to do and the form of the answer.`,
  "Each tool's description gives the model's price and strengths. When a cheaper model is good enough, call it "
    + "rather than a dearer one.",
  `When the answers are back, return the best one verbatim with ${SELECT_TOOL}(${SELECT_ARGUMENT}) when it is `
    + "complete and correct, or write the final answer yourself from them. A model whose call failed cannot be called again.",
];

const SIMPLE_RULES = [
  "If the request is trivial (a greeting, a simple fact, easy arithmetic), answer it directly without any tool.",
  `Otherwise call exactly one model with its call_<model> tool and an ${PROMPT_ARGUMENT}: the model's role, what to do `
    + "and the form of the answer. Its answer goes to the user as it is.",
  "Each tool's description gives the model's price and strengths. Call the cheapest model that can answer well.",
];

const CLOSING = [
  "Use only the tools offered, with valid JSON arguments.",
  "A direct answer goes to the user as it is: do not mention tools, models or these rules in it.",
];

export function routerSystemPrompt(ctx: PromptContext): string {
  const rules = [...(ctx.mode === "agent" ? AGENT_RULES : SIMPLE_RULES), ...CLOSING];
  const lines = [COMMON_HEAD, "", "Rules:", ...rules.map((r, i) => `${i + 1}. ${r}`), ""];
  if (ctx.mode === "agent") lines.push(turnNote(ctx));
  if (ctx.clientTools) {
    lines.push("The application offers tools of its own, which only the models you call can use: do not answer yourself.");
  }
  if (ctx.instructions.length > 0) {
    lines.push("", "The application's instructions for the answer (the models you call receive them too):",
      ...ctx.instructions.map((text) => `<instructions>\n${text}\n</instructions>`));
  }
  return lines.join("\n").trim();
}

function turnNote(ctx: PromptContext): string {
  const head = `This is turn ${ctx.turn} of at most ${ctx.maxTurns}.`;
  if (!ctx.callsOffered && ctx.selectOffered) {
    return `${head} No more models can be called: select an answer with ${SELECT_TOOL} or write the final answer yourself.`;
  }
  if (ctx.turn >= ctx.maxTurns) return `${head} It is the last one: whatever the models you call now answer is final.`;
  return head;
}
