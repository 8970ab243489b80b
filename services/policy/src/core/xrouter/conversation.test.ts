import { describe, expect, it } from "vitest";
import { CallStatus, type ChatMessage__Output } from "../../../../common/src/index.js";
import { eligibleModels } from "../candidates.js";
import { candidate, outcome, request } from "../test-fixtures.js";
import { buildConversation, correctionMessages, MAX_TOOL_RESULT_CHARS, toolResult } from "./conversation.js";
import { buildToolset } from "./tools.js";

const msg = (role: string, content: string, extra: Partial<ChatMessage__Output> = {}): ChatMessage__Output => ({
  role, content, content_parts_json: "", name: "", tool_call_id: "", tool_calls: [], ...extra,
});
const candidates = [candidate("gpt-5"), candidate("gpt-5-nano")];

function conversation(overrides: Parameters<typeof request>[0] = {}, callsOffered = true) {
  const r = request({ candidates, ...overrides });
  const toolset = buildToolset({ candidates, callable: eligibleModels(r).models, outcomes: r.outcomes, offerSelect: true });
  return buildConversation({ request: r, toolset, mode: "agent", callsOffered, clientTools: false });
}

describe("buildConversation", () => {
  it("starts with our system prompt carrying the rules and the turn budget, then the user's messages", () => {
    const messages = conversation({ turn: 1, max_turns: 3 });
    expect(messages[0]!.role).toBe("system");
    const system = messages[0]!.content!;
    expect(system).toMatch(/answer it directly/);
    expect(system).toMatch(/cheaper model is good enough/);
    expect(system).toMatch(/select_response\(model_call_name\)/);
    expect(system).toContain("This is turn 1 of at most 3.");
    expect(messages.slice(1)).toEqual([{ role: "user", content: "What is the capital of France?" }]);
  });

  it("folds the application's system and developer messages into the system prompt and keeps earlier turns", () => {
    const messages = conversation({
      messages: [
        msg("system", "Answer in French."), msg("developer", "Be brief."), msg("user", "Weather?"),
        msg("assistant", "", { tool_calls: [{ id: "t1", type: "function", function_name: "get_weather", function_arguments: '{"city":"Paris"}' }] }),
        msg("tool", "18C", { tool_call_id: "t1" }), msg("assistant", "Il fait 18 degrés."), msg("user", "And tomorrow?"),
      ],
    });
    expect(messages[0]!.content).toContain("<instructions>\nAnswer in French.\n</instructions>");
    expect(messages[0]!.content).toContain("<instructions>\nBe brief.\n</instructions>");
    expect(messages.slice(1)).toEqual([
      { role: "user", content: "Weather?" },
      { role: "assistant", content: `[called the application's tool get_weather with {"city":"Paris"}]` },
      { role: "user", content: "[result of the application's tool get_weather]\n18C" },
      { role: "assistant", content: "Il fait 18 degrés." },
      { role: "user", content: "And tomorrow?" },
    ]);
  });

  it("replays each past turn as one assistant message with its own tool calls (system prompt, temperature), answered by the outcomes", () => {
    const outcomes = [
      { ...outcome("call_1", "gpt-5-nano", CallStatus.CALL_STATUS_OK), content: "Paris", system_prompt: "Answer in one word.", temperature: 0.2 },
      { ...outcome("call_2", "gpt-5", CallStatus.CALL_STATUS_TIMEOUT), error_message: "deadline" },
      { ...outcome("call_3", "gpt-5-nano", CallStatus.CALL_STATUS_OK), turn: 2, content: "Paris, France" },
    ];
    const messages = conversation({ turn: 3, outcomes });
    expect(messages.slice(2)).toEqual([
      { role: "assistant", content: null, tool_calls: [
        { id: "call_1", type: "function", function: { name: "call_gpt_5_nano", arguments: '{"optimized_system_prompt":"Answer in one word.","temperature":0.2}' } },
        { id: "call_2", type: "function", function: { name: "call_gpt_5", arguments: '{"optimized_system_prompt":""}' } },
      ] },
      { role: "tool", tool_call_id: "call_1", content: "Paris" },
      { role: "tool", tool_call_id: "call_2", content: expect.stringMatching(/call to gpt-5 failed \(timeout: deadline\)/) },
      { role: "assistant", content: null, tool_calls: [{ id: "call_3", type: "function", function: { name: "call_gpt_5_nano", arguments: '{"optimized_system_prompt":""}' } }] },
      { role: "tool", tool_call_id: "call_3", content: "Paris, France" },
    ]);
    expect(messages[0]!.content).toContain("This is turn 3 of at most 3. It is the last one");
  });

  it("tells the router on the last turn that only selecting or answering is left", () => {
    const outcomes = [outcome("call_1", "gpt-5-nano", CallStatus.CALL_STATUS_OK)];
    expect(conversation({ turn: 3, outcomes }, false)[0]!.content).toMatch(/No more models can be called/);
  });

  it("truncates very long answers in the router's view", () => {
    const long = { ...outcome("c", "gpt-5", CallStatus.CALL_STATUS_OK), content: "x".repeat(MAX_TOOL_RESULT_CHARS + 10) };
    expect(toolResult(long)).toMatch(/\[truncated: 10 more characters\]$/);
  });
});

describe("correctionMessages", () => {
  it("echoes the reply, answers every tool call and adds a user nudge", () => {
    const reply = {
      content: null, finishReason: "tool_calls", toolCalls: [
        { id: "a", type: "function" as const, function: { name: "call_gpt_9", arguments: "{}" } },
        { id: "b", type: "function" as const, function: { name: "call_gpt_5", arguments: '{"optimized_system_prompt":"x"}' } },
      ],
    };
    const messages = correctionMessages(reply, [{ toolCallId: "a", message: "call_gpt_9 is not an offered tool." }]);
    expect(messages[0]).toEqual({ role: "assistant", content: "", tool_calls: reply.toolCalls });
    expect(messages[1]).toEqual({ role: "tool", tool_call_id: "a", content: "Error: call_gpt_9 is not an offered tool." });
    expect(messages[2]).toEqual({ role: "tool", tool_call_id: "b", content: expect.stringMatching(/^Not run/) });
    expect(messages[3]!.role).toBe("user");
  });

  it("puts problems of a reply without wire tool calls in one user message", () => {
    const messages = correctionMessages({ content: "", finishReason: "stop", toolCalls: [] }, [{ message: "the reply was empty." }]);
    expect(messages).toEqual([
      { role: "assistant", content: "" },
      { role: "user", content: "Your last reply could not be used: the reply was empty. Reply again, following the rules." },
    ]);
  });
});
