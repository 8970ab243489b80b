// A client that goes away mid-stream cancels the upstream call, and the tokens generated so far
// are billed: 50 streams aborted at random points, each one recorded as cancelled with a cost.
import OpenAI from "openai";
import pg from "pg";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;

beforeAll(async () => {
  system = await startSystem("cancel", { executors: 2 });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const words = Array.from({ length: 400 }, (_, i) => `word${i}`).join(" ");

it("deltas arrive as the provider sends them, not buffered", async () => {
  system.fake.setBehaviour({ content: "one two three four five six seven eight", chunkDelayMs: 150 });
  const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
  const arrivals: number[] = [];
  const stream = await client.chat.completions.create({ model: "router", stream: true, messages: [{ role: "user", content: "slow" }] });
  for await (const chunk of stream) if (chunk.choices[0]?.delta?.content) arrivals.push(Date.now());
  system.fake.setBehaviour({});
  expect(arrivals.length).toBeGreaterThanOrEqual(4);
  // the chunks are spread over the provider's pace, not delivered in one burst at the end
  expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(600);
});

it("50 streams aborted at random points are each billed for what was generated and recorded as cancelled", async () => {
  system.fake.setBehaviour({ content: words, chunkDelayMs: 10 });
  const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
  const before = system.fake.requests.length;
  const ids = await Promise.all(Array.from({ length: 50 }, async (_, i) => {
    const controller = new AbortController();
    const stream = await client.chat.completions.create(
      { model: "router", stream: true, messages: [{ role: "user", content: `cancel me ${i}` }] }, { signal: controller.signal });
    let id = "";
    let seen = 0;
    const stopAfter = 3 + Math.floor(Math.random() * 40);
    try {
      for await (const chunk of stream) {
        id = chunk.id;
        if (chunk.choices[0]?.delta?.content && (seen += 1) >= stopAfter) controller.abort();
      }
    } catch (error) {
      expect((error as Error).name).toMatch(/Abort/);
    }
    return id;
  }));
  system.fake.setBehaviour({});
  expect(new Set(ids).size).toBe(50);

  const db = new pg.Client({ connectionString: system.db.url });
  await db.connect();
  let rows: { request_id: string; status: string; output_tokens: string; cost_nanousd: string }[] = [];
  for (let i = 0; i < 100; i += 1) {
    rows = (await db.query("select request_id, status, output_tokens, cost_nanousd from call_records where request_id = any($1) and call_id not like '%#%'", [ids])).rows;
    if (rows.length === 50) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const requests = (await db.query("select status, http_status from request_records where request_id = any($1)", [ids])).rows;
  await db.end();
  expect(rows).toHaveLength(50);
  for (const row of rows) {
    expect(row.status).toBe("CALL_STATUS_CANCELLED");
    expect(Number(row.output_tokens)).toBeGreaterThan(0);
    expect(Number(row.cost_nanousd)).toBeGreaterThan(0);
  }
  expect(requests.every((r: { status: string }) => r.status === "cancelled")).toBe(true);
  const upstream = system.fake.requests.slice(before);
  expect(upstream).toHaveLength(50);
  expect(upstream.every((r) => r.closedEarly)).toBe(true);
}, 120_000);
