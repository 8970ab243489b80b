// xRouter's protocol as a policy backend: a router LLM, given one call_<model> tool per eligible
// model (and select_response once answers exist), decides each step. "xrouter" (agent mode) may
// call several models, look at their answers, then select one or write its own; "xrouter-simple"
// makes one call whose answer is final. The backend is stateless: every Decide rebuilds the
// router's conversation from the request. An unusable reply is handed back once with the reason;
// a second one falls back to the cheapest-model choice, so a confused router never fails a request.
import type { DecideRequest__Output, DecideResponse } from "../../../../common/src/index.js";
import { NoCandidateError, type PolicyBackend } from "../backend.js";
import { eligibleModels, requiredCapabilities, type EligibleModel } from "../candidates.js";
import { RouterUnavailableError } from "../errors.js";
import { cheapestOf, decideSingle, describe, latestOkOutcome } from "../single.js";
import { buildConversation, correctionMessages, type Problem } from "../xrouter/conversation.js";
import { interpretReply, type Verdict } from "../xrouter/reply.js";
import { buildToolset, type Toolset } from "../xrouter/tools.js";
import type { RouterChatReply, RouterChatRequest, RouterLlm, RouterMode } from "../xrouter/types.js";
import { RouterMeter, type RouterPrice } from "../xrouter/usage.js";

/** The first reply, then one corrected retry. */
export const ROUTER_ATTEMPTS = 2;
/** Routing should be reproducible: the same request gets the same route. */
const ROUTER_TEMPERATURE = 0;
const ROUTER_MAX_TOKENS = { min: 1024, fallback: 4096, max: 8192 };
const MAX_COMMENTARY = 200;

export interface XRouterOptions {
  mode: RouterMode;
  price: RouterPrice;
}

type Answered = Extract<Verdict, { ok: true }>;

/** Room for an optimized prompt or a direct answer, within what a 7B router's context allows. */
export function routerMaxTokens(request: DecideRequest__Output): number {
  const asked = request.params?.max_tokens || ROUTER_MAX_TOKENS.fallback;
  return Math.min(ROUTER_MAX_TOKENS.max, Math.max(ROUTER_MAX_TOKENS.min, asked));
}

export class XRouterBackend implements PolicyBackend {
  readonly name: string;

  constructor(private readonly llm: RouterLlm, private readonly options: XRouterOptions) {
    this.name = options.mode === "agent" ? "xrouter" : "xrouter-simple";
  }

  async decide(request: DecideRequest__Output): Promise<DecideResponse> {
    const mode = this.options.mode;
    const latestOk = latestOkOutcome(request.outcomes);
    // A gateway that ignored final_if_ok comes back with the answer: it is final, asking again costs.
    if (mode === "simple" && latestOk) return this.fallback(request, [], new RouterMeter(this.options.price), "the call succeeded");
    const eligible = this.eligible(request, latestOk !== undefined);
    const lastTurn = request.turn >= request.max_turns;
    const callsOffered = eligible.length > 0 && !(mode === "agent" && lastTurn && latestOk);
    const toolset = buildToolset({
      candidates: request.candidates, callable: callsOffered ? eligible : [], outcomes: request.outcomes, offerSelect: mode === "agent",
    });
    const clientTools = requiredCapabilities(request.params).includes("tools");
    const messages = buildConversation({ request, toolset, mode, callsOffered, clientTools });
    const meter = new RouterMeter(this.options.price);
    let problems: Problem[] = [];
    for (let attempt = 1; attempt <= ROUTER_ATTEMPTS; attempt += 1) {
      const chat: RouterChatRequest = {
        messages: [...messages], tools: toolset.tools, maxTokens: routerMaxTokens(request), temperature: ROUTER_TEMPERATURE,
      };
      let reply: RouterChatReply;
      try {
        reply = await this.llm.complete(chat);
      } catch (error) {
        // The first request was paid for; a router gone mid-correction still leaves a usable fallback.
        if (attempt > 1 && error instanceof RouterUnavailableError) return this.fallback(request, problems, meter);
        throw error;
      }
      meter.add(chat, reply);
      const verdict = interpretReply(reply, toolset, { mode, lenient: attempt === ROUTER_ATTEMPTS, allowAnswer: !clientTools });
      if (verdict.ok) return this.respond(request, toolset, verdict, meter, problems);
      problems = verdict.problems;
      messages.push(...correctionMessages(reply, verdict.problems));
    }
    return this.fallback(request, problems, meter);
  }

  /** With answers in hand the agent may still select or synthesise when nothing more can be called. */
  private eligible(request: DecideRequest__Output, haveAnswer: boolean): EligibleModel[] {
    try {
      return eligibleModels(request).models;
    } catch (error) {
      if (error instanceof NoCandidateError && haveAnswer && this.options.mode === "agent") return [];
      throw error;
    }
  }

  private respond(
    request: DecideRequest__Output, toolset: Toolset, verdict: Answered, meter: RouterMeter, corrected: Problem[],
  ): DecideResponse {
    const action = verdict.action;
    const notes = [verdict.note];
    if (corrected.length > 0) notes.push(`after a correction (${summarise(corrected)})`);
    if (verdict.commentary) notes.push(`router: ${clip(verdict.commentary)}`);
    const extra = notes.filter(Boolean).join("; ");
    const billed = { policy: this.name, router_usage: meter.usage(), router_cost_nanousd: meter.costNano() };
    const rationale = (head: string) => (extra ? `${head}; ${extra}` : head);
    if (action.kind === "answer") {
      const synthesis = latestOkOutcome(request.outcomes) !== undefined;
      return {
        answer: { content: action.content }, ...billed, routing_strategy: `${this.name}:${synthesis ? "synthesis" : "direct"}`,
        rationale: rationale(synthesis ? "router wrote the final answer from the models' answers" : "router answered directly"),
      };
    }
    if (action.kind === "select") {
      const tool = toolset.toolByModel.get(action.outcome.model_id) ?? action.outcome.model_id;
      return {
        select: { call_id: action.outcome.call_id }, ...billed, routing_strategy: `${this.name}:select`,
        rationale: rationale(`router selected the answer of ${tool} (${action.outcome.call_id})`),
      };
    }
    const lastTurn = request.turn >= request.max_turns;
    const calls = action.calls.map((c) => ({
      model_id: c.model.candidate.model_id, system_prompt: c.systemPrompt, max_tokens: c.model.maxTokens,
      ...(c.temperature === undefined ? {} : { temperature: c.temperature }),
    }));
    return {
      call: { calls, final_if_ok: this.options.mode === "simple" || (lastTurn && calls.length === 1) },
      ...billed, routing_strategy: `${this.name}:${calls.length > 1 ? "parallel" : "call"}`,
      rationale: rationale(`router called ${calls.map((c) => c.model_id).join(", ")}`),
    };
  }

  /**
   * The cheapest-style decision: the latest successful answer when there is one, else the
   * cheapest eligible model with its answer final. The router's tokens are billed all the same.
   */
  private fallback(request: DecideRequest__Output, problems: Problem[], meter: RouterMeter, reason?: string): DecideResponse {
    const why = reason ?? `router gave no usable reply in ${ROUTER_ATTEMPTS} attempts (${summarise(problems)})`;
    const decision = decideSingle(request, this.name, ({ models }) => {
      const model = cheapestOf(models);
      return { model, strategy: `${this.name}:fallback-cheapest`, rationale: `${why}; cheapest eligible instead (${describe(model)})` };
    });
    const selected = decision.select !== undefined && decision.select !== null;
    return {
      ...decision,
      ...(selected ? {
        routing_strategy: `${this.name}:${reason ? "select" : "fallback-select"}`,
        rationale: `${why}; returning the latest successful answer (${decision.select!.call_id})`,
      } : {}),
      router_usage: meter.usage(), router_cost_nanousd: meter.costNano(),
    };
  }
}

function summarise(problems: readonly Problem[]): string {
  return clip(problems.map((p) => p.message).join(" ") || "no detail");
}

function clip(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > MAX_COMMENTARY ? `${flat.slice(0, MAX_COMMENTARY)}…` : flat;
}
