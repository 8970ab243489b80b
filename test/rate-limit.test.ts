// Per-key rate limits hold across gateway replicas: two gateway processes share one count in the
// ledger, so a limit of N requests per minute admits N in total, not N per gateway. Refusals are
// 429 with Retry-After and OpenAI's x-ratelimit-* headers; keys without limits get none.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LedgerClient } from "../services/common/src/index.js";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;
let ledger: LedgerClient;

beforeAll(async () => {
  system = await startSystem("ratelimit", { executors: 1, gateways: 2 });
  ledger = new LedgerClient(system.ledgerAddr, 15_000);
}, 120_000);

afterAll(async () => {
  ledger?.close();
  await system?.stop();
});

async function chat(baseUrl: string, apiKey: string, maxTokens = 16) {
  const response = await fetch(`${baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
    body: JSON.stringify({ model: "gpt-5-nano", max_tokens: maxTokens, messages: [{ role: "user", content: "hi" }] }),
  });
  return { status: response.status, headers: response.headers, body: await response.json() as { error?: Record<string, unknown> } };
}

describe("a rate limit shared by two gateways", () => {
  it("admits N requests per minute in total across both gateways, then 429 with Retry-After", async () => {
    const N = 10;
    const { api_key: apiKey } = await ledger.createKey({ tenant_id: "tenant-rl", name: "limited", rpm_limit: N });
    const answers = await Promise.all(Array.from({ length: 3 * N }, (_, i) => chat(system.baseUrls[i % 2]!, apiKey)));
    const admitted = answers.filter((a) => a.status === 200);
    const limited = answers.filter((a) => a.status === 429);
    expect(admitted).toHaveLength(N);
    expect(limited).toHaveLength(2 * N);
    const remaining = admitted.map((a) => Number(a.headers.get("x-ratelimit-remaining-requests"))).sort((a, b) => a - b);
    expect(remaining).toEqual(Array.from({ length: N }, (_, i) => i));
    for (const a of admitted) {
      expect(a.headers.get("x-ratelimit-limit-requests")).toBe(String(N));
      expect(a.headers.get("x-ratelimit-reset-requests")).toMatch(/^(\d+(\.\d)?s|\d+ms|1m0s)$/);
    }
    for (const l of limited) {
      expect(l.body.error).toMatchObject({ type: "rate_limit_error", code: "rate_limit_exceeded" });
      expect(Number(l.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
      expect(Number(l.headers.get("retry-after"))).toBeLessThanOrEqual(60);
      expect(l.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    }
  });

  it("lets the second gateway admit only what the first left of the minute", async () => {
    const N = 6;
    const { api_key: apiKey } = await ledger.createKey({ tenant_id: "tenant-rl", name: "split", rpm_limit: N });
    const first = await Promise.all(Array.from({ length: N / 2 }, () => chat(system.baseUrls[0]!, apiKey)));
    expect(first.map((a) => a.status)).toEqual(Array(N / 2).fill(200));
    const second = await Promise.all(Array.from({ length: N }, () => chat(system.baseUrls[1]!, apiKey)));
    expect(second.filter((a) => a.status === 200)).toHaveLength(N / 2);
    expect(second.filter((a) => a.status === 429)).toHaveLength(N / 2);
  });

  it("counts tokens (prompt estimate + max_tokens) against the tokens-per-minute limit", async () => {
    const { api_key: apiKey } = await ledger.createKey({ tenant_id: "tenant-rl", name: "tokens", tpm_limit: 1_000 });
    const first = await chat(system.baseUrls[0]!, apiKey, 400);
    expect(first.status).toBe(200);
    expect(first.headers.get("x-ratelimit-limit-tokens")).toBe("1000");
    const left = Number(first.headers.get("x-ratelimit-remaining-tokens"));
    expect(left).toBeLessThan(600);
    expect(left).toBeGreaterThan(500);
    expect((await chat(system.baseUrls[1]!, apiKey, 400)).status).toBe(200);
    const third = await chat(system.baseUrls[0]!, apiKey, 400);
    expect(third.status).toBe(429);
    expect(third.headers.get("x-ratelimit-limit-requests")).toBeNull();
    expect(String(third.body.error!.message)).toContain("1000 tokens per minute");
  });

  it("sends the x-ratelimit headers on streamed answers too", async () => {
    const { api_key: apiKey } = await ledger.createKey({ tenant_id: "tenant-rl", name: "stream", rpm_limit: 5 });
    const response = await fetch(`${system.baseUrls[0]}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${apiKey}` },
      body: JSON.stringify({ model: "gpt-5-nano", stream: true, max_tokens: 16, messages: [{ role: "user", content: "hi" }] }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("text/event-stream");
    expect(response.headers.get("x-ratelimit-remaining-requests")).toBe("4");
    expect(await response.text()).toContain("[DONE]");
  });

  it("makes no rate-limit check and sends no x-ratelimit headers for a key without limits", async () => {
    const answer = await chat(system.baseUrls[1]!, system.apiKey);
    expect(answer.status).toBe(200);
    expect([...answer.headers.keys()].filter((h) => h.startsWith("x-ratelimit"))).toEqual([]);
  });
});
