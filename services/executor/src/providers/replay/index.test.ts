import { describe, expect, it } from "vitest";
import { ConfigError, costNano, loadCatalog, type ProviderCall__Output } from "../../../../common/src/index.js";
import { collectStream } from "../../core/stream.js";
import { makeCall, recordingClock } from "../../test-fakes.js";
import { createProviderRegistry } from "../registry.js";
import { readFileSync } from "node:fs";
import { indexRecords, loadReplayDataset, parseReplayLines, resolveDataPath, type ReplayDataset, type ReplayRecord } from "./dataset.js";
import { createReplayAdapter, parseReplayLatency } from "./index.js";

const ROUTERBENCH = "../shared/data/routerbench/dev.jsonl";
const ARENA_HARD = "../shared/data/arena-hard/dev.jsonl";

const ask = (prompt: string, model: string, overrides: Partial<ProviderCall__Output> = {}) => makeCall({
  provider: "replay", model_id: model, upstream_model: model,
  messages: [
    { role: "system", content: "ignored", content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] },
    { role: "user", content: prompt, content_parts_json: "", name: "", tool_call_id: "", tool_calls: [] },
  ],
  ...overrides,
});

const record = (id: string, prompt: string, response: string, score = 1): ReplayRecord => ({
  id, source: "s", category: "c", prompt,
  models: { m: { score, cost_usd: 0.000001, input_tokens: 3, output_tokens: 2, response } },
});

describe("replay provider", () => {
  it("parses the latency models", () => {
    expect(parseReplayLatency("none")).toEqual({ baseMs: 0, perOutputTokenMs: 0 });
    expect(parseReplayLatency("fixed:250")).toEqual({ baseMs: 250, perOutputTokenMs: 0 });
    expect(parseReplayLatency("tokens:2.5+100")).toEqual({ baseMs: 100, perOutputTokenMs: 2.5 });
    expect(parseReplayLatency("tokens:20")).toEqual({ baseMs: 0, perOutputTokenMs: 20 });
    expect(parseReplayLatency("fast")).toBeUndefined();
  });

  it("serves the recorded answer and tokens of the exact prompt; the first of two equal prompts wins", async () => {
    const dataset = indexRecords([record("a", "Q1", "first"), record("b", "Q1", "second"), record("c", "Q2", "other")]);
    expect(dataset).toMatchObject({ records: 3, duplicates: 1 });
    const adapter = createReplayAdapter({ dataset });
    const answer = await adapter.complete(ask("Q1", "m"), new AbortController().signal);
    expect(answer).toMatchObject({ content: "first", finishReason: "stop", responseModel: "m" });
    expect(answer.usage).toEqual({ input_tokens: 3, output_tokens: 2, cached_input_tokens: 0, reasoning_tokens: 0, cache_write_tokens: 0, estimated: false });
  });

  it("fails clearly, without retrying, for a prompt or a model the data set lacks", async () => {
    const adapter = createReplayAdapter({ dataset: indexRecords([record("a", "Q1", "x")]) });
    await expect(adapter.complete(ask("Q1 ", "m"), new AbortController().signal))
      .rejects.toMatchObject({ code: "replay_prompt_unknown", retryable: false });
    await expect(adapter.complete(ask("Q1", "gpt-9"), new AbortController().signal))
      .rejects.toMatchObject({ code: "replay_model_unknown", retryable: false });
  });

  it("streams the recorded answer piece by piece, taking the modelled time", async () => {
    const clock = recordingClock();
    const adapter = createReplayAdapter({ dataset: indexRecords([record("a", "Q", "one two  three\nfour")]), latency: { baseMs: 5, perOutputTokenMs: 4 }, clock });
    const deltas: string[] = [];
    const response = await collectStream((onEvent) => adapter.stream!(ask("Q", "m"), new AbortController().signal, onEvent), (d) => deltas.push(d), "m");
    expect(deltas.join("")).toBe("one two  three\nfour");
    expect(deltas.length).toBe(4);
    expect(response.usage).toMatchObject({ output_tokens: 2, estimated: false });
    expect(clock.sleeps.reduce((a, b) => a + b, 0)).toBeCloseTo(5 + 4 * 2);
  });

  it("refuses a data path that does not exist, naming it", () => {
    expect(() => loadReplayDataset(["../shared/data/nowhere.jsonl"])).toThrow(ConfigError);
    expect(() => loadReplayDataset(["../shared/data/nowhere.jsonl"])).toThrow(/nowhere\.jsonl.*XROUTER_REPLAY_DATA/s);
    expect(() => createProviderRegistry({
      endpoints: {}, simulateMissing: true, simulatedLatencyMs: 0, replay: { data: ["missing.jsonl"], latency: { baseMs: 0, perOutputTokenMs: 0 } },
    })).toThrow(ConfigError);
  });

  describe.each([
    { name: "routerbench", file: ROUTERBENCH, records: 2205 },
    { name: "arena-hard", file: ARENA_HARD, records: 191 },
  ])("on the shipped $name data", ({ name, file, records }) => {
    let dataset: ReplayDataset;
    const load = () => (dataset ??= loadReplayDataset([file]));

    it("reproduces every recorded cost exactly: recorded tokens x catalog price", () => {
      const catalog = loadCatalog(name);
      let checked = 0;
      for (const line of readAll(file)) {
        for (const [model, answer] of Object.entries(line.models)) {
          const price = catalog.get(model)!.price;
          const usage = { input_tokens: answer.input_tokens, output_tokens: answer.output_tokens, cached_input_tokens: 0, cache_write_tokens: 0 };
          expect(costNano(usage, price), `${line.id} ${model}`).toBe(Math.round(answer.cost_usd * 1e9));
          checked += 1;
        }
      }
      expect(load().records).toBe(records);
      expect(checked).toBe(records * catalog.models.length);
    });

    it("answers a catalog model's call with its recorded answer", async () => {
      const first = readAll(file)[0]!;
      const model = Object.keys(first.models)[0]!;
      const response = await createReplayAdapter({ dataset: load() }).complete(ask(first.prompt, model), new AbortController().signal);
      expect(response.content).toBe(first.models[model]!.response);
      expect(response.usage).toMatchObject({ input_tokens: first.models[model]!.input_tokens, output_tokens: first.models[model]!.output_tokens });
    });
  });
});

const cache = new Map<string, ReplayRecord[]>();
function readAll(file: string): ReplayRecord[] {
  if (!cache.has(file)) cache.set(file, parseReplayLines(readFileSync(resolveDataPath(file), "utf8"), file));
  return cache.get(file)!;
}
