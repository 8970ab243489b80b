import { describe, expect, it } from "vitest";
import { CallStatus } from "../../../../common/src/index.js";
import { eligibleModels } from "../candidates.js";
import { candidate, outcome, request } from "../test-fixtures.js";
import { hermesToolCalls, interpretReply, stripReasoning } from "./reply.js";
import { buildToolset } from "./tools.js";
import type { RouterChatReply } from "./types.js";

const candidates = [candidate("gpt-5"), candidate("gpt-5-nano")];
const outcomes = [outcome("call_a", "gpt-5", CallStatus.CALL_STATUS_OK), outcome("call_b", "gpt-5-nano", CallStatus.CALL_STATUS_OK)];

function toolset(withOutcomes = false) {
  const list = withOutcomes ? outcomes : [];
  return buildToolset({ candidates, callable: eligibleModels(request({ candidates, outcomes: list })).models, outcomes: list, offerSelect: true });
}

function reply(content: string | null, calls: Array<[string, string]> = []): RouterChatReply {
  return {
    content, finishReason: calls.length ? "tool_calls" : "stop",
    toolCalls: calls.map(([name, args], i) => ({ id: `id${i}`, type: "function", function: { name, arguments: args } })),
  };
}

const agent = { mode: "agent" as const, lenient: false, allowAnswer: true };
const prompt = (text: string, extra: object = {}) => JSON.stringify({ optimized_system_prompt: text, ...extra });

describe("stripReasoning", () => {
  it("removes closed blocks of think, thinking and reasoning tags", () => {
    expect(stripReasoning("<think>\nhmm, 2+2\n</think>\n\nIt is 4.")).toBe("It is 4.");
    expect(stripReasoning("<THINKING>a</THINKING>A <reasoning>b</reasoning>B")).toBe("A B");
  });

  it("removes a block left open and a close whose open tag the chat template wrote", () => {
    expect(stripReasoning("Answer.<think>still thinking")).toBe("Answer.");
    expect(stripReasoning("reasoning the template opened</think>\nParis.")).toBe("Paris.");
    expect(stripReasoning("<think>only reasoning</think>")).toBe("");
  });
});

describe("hermesToolCalls", () => {
  it("reads <tool_call> blocks as vLLM's hermes parser does, one call per block, an unclosed last block included", () => {
    const text = 'Let me ask.\n<tool_call>\n{"name": "call_gpt_5", "arguments": {"optimized_system_prompt": "Be exact."}}\n</tool_call>\n'
      + '<tool_call>{"name": "call_gpt_5_nano", "arguments": "{\\"optimized_system_prompt\\": \\"Short.\\"}"}';
    const { calls, rest } = hermesToolCalls(text);
    expect(rest).toBe("Let me ask.");
    expect(calls.map((c) => c.name)).toEqual(["call_gpt_5", "call_gpt_5_nano"]);
    expect(JSON.parse(calls[0]!.arguments)).toEqual({ optimized_system_prompt: "Be exact." });
    expect(JSON.parse(calls[1]!.arguments)).toEqual({ optimized_system_prompt: "Short." });
  });

  it("marks a block that is not JSON as unreadable instead of dropping it", () => {
    const { calls } = hermesToolCalls("<tool_call>{name: call_gpt_5}</tool_call>");
    expect(calls[0]!.unreadable).toMatch(/not JSON/);
  });
});

describe("interpretReply", () => {
  it("turns one call tool into one planned call with its prompt and temperature", () => {
    const verdict = interpretReply(reply(null, [["call_gpt_5_nano", prompt(" Answer briefly. ", { temperature: 0.2 })]]), toolset(), agent);
    expect(verdict.ok && verdict.action).toEqual({ kind: "call", calls: [expect.objectContaining({ systemPrompt: "Answer briefly.", temperature: 0.2 })] });
    if (verdict.ok && verdict.action.kind === "call") expect(verdict.action.calls[0]!.model.candidate.model_id).toBe("gpt-5-nano");
  });

  it("keeps parallel calls in order and drops a temperature that is out of range or not a number", () => {
    const verdict = interpretReply(reply("I will ask two.", [["call_gpt_5", prompt("A", { temperature: 3 })], ["call_gpt_5_nano", prompt("B", { temperature: "0.5" })]]), toolset(), agent);
    if (!verdict.ok || verdict.action.kind !== "call") throw new Error("expected calls");
    expect(verdict.action.calls.map((c) => [c.model.candidate.model_id, c.temperature])).toEqual([["gpt-5", undefined], ["gpt-5-nano", 0.5]]);
    expect(verdict.commentary).toBe("I will ask two.");
  });

  it("reads hermes text when the server sent no tool_calls", () => {
    const verdict = interpretReply(reply('<tool_call>\n{"name": "call_gpt_5", "arguments": {"optimized_system_prompt": "P"}}\n</tool_call>'), toolset(), agent);
    expect(verdict.ok && verdict.action.kind).toBe("call");
  });

  it("selects the latest OK outcome of the named tool, also when named by model id or call id", () => {
    const pick = (name: string) => {
      const verdict = interpretReply(reply(null, [["select_response", JSON.stringify({ model_call_name: name })]]), toolset(true), agent);
      return verdict.ok && verdict.action.kind === "select" ? verdict.action.outcome.call_id : undefined;
    };
    expect(pick("call_gpt_5_nano")).toBe("call_b");
    expect(pick("gpt-5")).toBe("call_a");
    expect(pick("call_a")).toBe("call_a");
    expect(pick("call_gpt_9")).toBeUndefined();
  });

  it("answers with the text, reasoning stripped, when there is no tool call", () => {
    const verdict = interpretReply(reply("<think>easy</think>Hello! How can I help?"), toolset(), agent);
    expect(verdict.ok && verdict.action).toEqual({ kind: "answer", content: "Hello! How can I help?" });
  });

  it("refuses a direct answer when the application sent tools of its own", () => {
    const verdict = interpretReply(reply("It is sunny."), toolset(), { ...agent, allowAnswer: false });
    expect(!verdict.ok && verdict.problems[0]!.message).toMatch(/only a called model can use/);
  });

  it("reports an unknown tool, malformed arguments, a missing prompt and an empty reply as problems", () => {
    const problems = (r: RouterChatReply) => {
      const verdict = interpretReply(r, toolset(), agent);
      return verdict.ok ? [] : verdict.problems.map((p) => p.message).join(" | ");
    };
    expect(problems(reply(null, [["call_gpt_9", prompt("x")]]))).toMatch(/call_gpt_9 is not an offered tool; offered: call_gpt_5, call_gpt_5_nano/);
    expect(problems(reply(null, [["call_gpt_5", "{optimized_system_prompt: 'x'"]]))).toMatch(/not valid JSON/);
    expect(problems(reply(null, [["call_gpt_5", "[1]"]]))).toMatch(/not a JSON object/);
    expect(problems(reply(null, [["call_gpt_5", JSON.stringify({ temperature: 1 })]]))).toMatch(/needs a non-empty optimized_system_prompt/);
    expect(problems(reply(null, [["select_response", JSON.stringify({ model_call_name: "call_gpt_5" })]]))).toMatch(/select_response is not an offered tool/);
    expect(problems(reply("  "))).toMatch(/empty/);
    expect(problems(reply("<think>only this</think>"))).toMatch(/empty/);
    expect(problems(reply(null))).toMatch(/empty/);
  });

  it("fails the whole reply on one bad call, unless lenient, which keeps the valid calls", () => {
    const mixed = reply(null, [["call_gpt_5", prompt("A")], ["call_nope", prompt("B")]]);
    const strict = interpretReply(mixed, toolset(), agent);
    expect(strict.ok).toBe(false);
    if (!strict.ok) expect(strict.problems).toEqual([{ toolCallId: "id1", message: expect.stringContaining("call_nope") }]);
    const lenient = interpretReply(mixed, toolset(), { ...agent, lenient: true });
    expect(lenient.ok && lenient.action.kind === "call" && lenient.action.calls.length).toBe(1);
    expect(lenient.ok && lenient.note).toMatch(/ignored 1 invalid/);
  });

  it("prefers a valid selection over calls in the same reply, and keeps only the first call in simple mode", () => {
    const both = reply(null, [["call_gpt_5", prompt("A")], ["select_response", JSON.stringify({ model_call_name: "call_gpt_5" })]]);
    expect(interpretReply(both, toolset(true), agent)).toMatchObject({ ok: true, action: { kind: "select" } });
    const two = reply(null, [["call_gpt_5_nano", prompt("A")], ["call_gpt_5", prompt("B")]]);
    const simple = interpretReply(two, toolset(), { ...agent, mode: "simple" });
    if (!simple.ok || simple.action.kind !== "call") throw new Error("expected a call");
    expect(simple.action.calls.map((c) => c.model.candidate.model_id)).toEqual(["gpt-5-nano"]);
    expect(simple.note).toMatch(/simple mode/);
  });
});
