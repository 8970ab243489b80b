// End to end: every service as a real process over real gRPC, real NATS JetStream and real
// PostgreSQL, driven with the official openai client and with raw HTTP.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryDatabase, queryUntil } from "./support/isolation.js";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;
let client: OpenAI;

const ledgerRows = (sql: string, params: unknown[] = []) => queryDatabase<any>(system.db.url, sql, params);

async function post(body: string, headers: Record<string, string> = {}) {
  const response = await fetch(`${system.baseUrl}/chat/completions`, {
    method: "POST", body,
    headers: { "content-type": "application/json", authorization: `Bearer ${system.apiKey}`, ...headers },
  });
  return { status: response.status, body: await response.json() as { error?: Record<string, unknown> } };
}

beforeAll(async () => {
  system = await startSystem("system");
  client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

describe("a routed completion", () => {
  it("answers through the official client with router metadata, and the ledger holds one request and one call at the same cost", async () => {
    const completion = await client.chat.completions.create({
      model: "router", messages: [{ role: "user", content: "Say hello" }],
    }) as OpenAI.ChatCompletion & { router_metadata: Record<string, any> };
    const meta = completion.router_metadata;
    expect(completion.object).toBe("chat.completion");
    expect(completion.choices[0]!.message.content).toBeTruthy();
    expect(meta.model_used).toBe(completion.model);
    expect(meta.total_cost).toBeGreaterThan(0);
    expect(meta.turns_used).toBe(1);
    expect(meta.call_history).toHaveLength(1);
    expect(completion.usage!.prompt_tokens).toBeGreaterThan(0);

    // the request row is written after the answer went out: wait for it
    let requestRows: any[] = [];
    for (let i = 0; i < 100 && requestRows.length === 0; i += 1) {
      requestRows = await ledgerRows("select * from request_records where request_id = $1", [completion.id]);
      if (requestRows.length === 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(requestRows).toHaveLength(1);
    const callRows = await queryUntil<any>(system.db.url, "select * from call_records where request_id = $1", [completion.id], (r) => r.length > 0);
    expect(callRows).toHaveLength(1);
    expect(Number(callRows[0].cost_nanousd)).toBe(meta.total_cost_nanousd);
    expect(Number(requestRows[0].total_cost_nanousd)).toBe(meta.total_cost_nanousd);
    expect(callRows[0].model_id).toBe(meta.model_used);
    // the provider key went to the provider, never the client's key
    const seen = system.fake.requests.at(-1)!;
    expect(seen.headers.authorization).toBe("Bearer sk-test-provider-key");
  });

  it("bypasses routing for a catalog model id, still recording the call", async () => {
    const completion = await client.chat.completions.create({ model: "gpt-5", messages: [{ role: "user", content: "hi" }] });
    expect(completion.model).toBe("gpt-5");
    const calls = await queryUntil(system.db.url, "select model_id from call_records where request_id = $1", [completion.id], (r) => r.length > 0);
    expect(calls).toEqual([{ model_id: "gpt-5" }]);
  });

  it("lists the routers and the catalog models", async () => {
    const models = await client.models.list();
    const ids = models.data.map((m) => m.id);
    expect(ids).toContain("router");
    expect(ids).toContain("gpt-5-nano");
  });

  it("is ready when NATS, policy and ledger answer", async () => {
    const response = await fetch(system.baseUrl.replace("/v1", "/readyz"));
    expect(response.status).toBe(200);
  });
});

describe("bad input gets OpenAI's error object and the right status", () => {
  const shape = (body: { error?: Record<string, unknown> }) => {
    expect(Object.keys(body.error ?? {}).sort()).toEqual(["code", "message", "param", "type"]);
    expect(JSON.stringify(body)).not.toMatch(/at .*\.ts:\d+|node_modules|sk-test-provider-key/);
  };

  it("invalid JSON -> 400", async () => {
    const r = await post("{not json");
    expect(r.status).toBe(400);
    shape(r.body);
  });

  it("missing messages -> 400 naming the parameter", async () => {
    const r = await post(JSON.stringify({ model: "router" }));
    expect(r.status).toBe(400);
    expect(r.body.error!.param).toBe("messages");
    shape(r.body);
  });

  it("wrong types -> 400", async () => {
    const r = await post(JSON.stringify({ model: "router", messages: "hello", temperature: "hot" }));
    expect(r.status).toBe(400);
    shape(r.body);
  });

  it("unknown model -> 404 model_not_found", async () => {
    const r = await post(JSON.stringify({ model: "gpt-9000", messages: [{ role: "user", content: "x" }] }));
    expect(r.status).toBe(404);
    expect(r.body.error!.code).toBe("model_not_found");
    shape(r.body);
  });

  it("a body over the size limit -> 413", async () => {
    const r = await post(JSON.stringify({ model: "router", messages: [{ role: "user", content: "x".repeat(5 * 1024 * 1024) }] }));
    expect(r.status).toBe(413);
    shape(r.body);
  });

  it("a missing or wrong key -> 401, through the official client too", async () => {
    const missing = await fetch(`${system.baseUrl}/chat/completions`, { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(missing.status).toBe(401);
    shape(await missing.json() as { error?: Record<string, unknown> });
    const wrong = new OpenAI({ baseURL: system.baseUrl, apiKey: "xr-wrong", maxRetries: 0 });
    await expect(wrong.chat.completions.create({ model: "router", messages: [{ role: "user", content: "x" }] }))
      .rejects.toMatchObject({ status: 401 });
  });

  it("an unknown URL -> 404 in the same shape", async () => {
    const response = await fetch(`${system.baseUrl}/nothing-here`);
    expect(response.status).toBe(404);
    shape(await response.json() as { error?: Record<string, unknown> });
  });

  it("logs of every service contain neither keys nor stack traces of client errors", () => {
    const logs = [system.gateway, system.ledger, system.policy, ...system.executors].flatMap((p) => p.logs).join("\n");
    expect(logs).not.toContain(system.apiKey);
    expect(logs).not.toContain("sk-test-provider-key");
  });
});
