// Every error status the gateway answers, in OpenAI's shape, through the official client and on
// the raw bytes: 408 (provider timeouts), 500 (a failure inside the router), 503 (a service is
// down), and an error in the middle of a stream (an error event, then the stream ends).
// 400, 401, 404, 413 are in system.test.ts, 402 in budget-concurrency.test.ts, 429 in
// rate-limit.test.ts, 502 in streaming.test.ts.
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { grpc, policyProto, startGrpcServer, type GrpcServerHandle } from "../services/common/src/index.js";
import { natsUrl } from "./support/isolation.js";
import { ROOT, startService, type ServiceProcess } from "./support/processes.js";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;
let client: OpenAI;

beforeAll(async () => {
  system = await startSystem("errors", {
    executors: 1,
    // XROUTER_POLICY_INPROCESS=false: the 503 below is the policy service's absence, which in-process decisions would hide
    env: {
      XROUTER_AUTH_CACHE_MS: "0", XROUTER_CALL_TIMEOUT_MS: "700", XROUTER_MAX_TURNS: "2", XROUTER_FALLBACK_POLICY: "none",
      XROUTER_POLICY_INPROCESS: "false", XROUTER_MAX_CONCURRENT_REQUESTS: "3",
    },
  });
  client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

const shape = (body: any) => expect(Object.keys(body.error).sort()).toEqual(["code", "message", "param", "type"]);

describe("error statuses", () => {
  it("408 when every provider call times out", async () => {
    system.fake.setBehaviour({ hang: true });
    try {
      const error = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "slow" }] }).catch((e) => e);
      expect(error).toBeInstanceOf(OpenAI.APIError);
      expect(error.status).toBe(408);
      expect(error.error.type).toBe("timeout_error");
    } finally {
      system.fake.setBehaviour({});
    }
  });

  it("an error in the middle of a stream is an error event, then the stream ends", async () => {
    system.fake.setBehaviour({ content: "one two three four five six seven eight nine ten", chunkDelayMs: 20, breakAfterChunks: 3 });
    try {
      const response = await fetch(`${system.baseUrl}/chat/completions`, {
        method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${system.apiKey}` },
        body: JSON.stringify({ model: "router", stream: true, messages: [{ role: "user", content: "break" }] }),
      });
      expect(response.status).toBe(200);
      const events = (await response.text()).split("\n\n").filter(Boolean);
      const last = JSON.parse(events.at(-1)!.slice("data: ".length));
      shape(last);
      expect(last.error.type).toBe("upstream_error");
      expect(events.some((e) => e.includes("[DONE]"))).toBe(false);
      expect(events.some((e) => e.includes("\"content\":\"one \""))).toBe(true);

      const stream = await client.chat.completions.create({ model: "router", stream: true, messages: [{ role: "user", content: "break again" }] });
      const read = async () => { for await (const _chunk of stream) { /* until the error */ } };
      await expect(read()).rejects.toBeInstanceOf(OpenAI.APIError);
    } finally {
      system.fake.setBehaviour({});
    }
  });

  it("503 overloaded with Retry-After past the gateway's concurrency limit, at once, and serves again after", async () => {
    system.fake.setBehaviour({ latencyMs: 600 });
    try {
      const started = Date.now();
      const answers = await Promise.all(Array.from({ length: 8 }, async () => {
        const response = await fetch(`${system.baseUrl}/chat/completions`, {
          method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${system.apiKey}` },
          body: JSON.stringify({ model: "router", messages: [{ role: "user", content: "busy" }] }),
        });
        return { status: response.status, retryAfter: response.headers.get("retry-after"), body: await response.json() as any, ms: Date.now() - started };
      }));
      expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
      const shed = answers.filter((a) => a.status === 503);
      expect(shed).toHaveLength(5);
      for (const a of shed) {
        shape(a.body);
        expect(a.body.error).toMatchObject({ type: "service_unavailable", code: "overloaded" });
        expect(a.retryAfter).toBe("1");
        expect(a.ms).toBeLessThan(500);
      }
    } finally {
      system.fake.setBehaviour({});
    }
    const after = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "calm again" }] });
    expect(after.choices[0]!.message.content).toBeTruthy();
  });

  it("503 when the policy service is down and no fallback is configured, and when the ledger is down", async () => {
    system.policy.child.kill("SIGKILL");
    await system.policy.exited;
    const noPolicy = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(noPolicy.status).toBe(503);
    expect(noPolicy.error.type).toBe("service_unavailable");

    system.ledger.child.kill("SIGKILL");
    await system.ledger.exited;
    const response = await fetch(`${system.baseUrl}/chat/completions`, {
      method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${system.apiKey}` },
      body: JSON.stringify({ model: "router", messages: [{ role: "user", content: "x" }] }),
    });
    expect(response.status).toBe(503);
    shape(await response.json());
  });
});

describe("500", () => {
  let policy: GrpcServerHandle;
  let gateway: ServiceProcess;

  beforeAll(async () => {
    // a policy that fails inside: the gateway must answer 500 in OpenAI's shape, with no detail leaked
    policy = await startGrpcServer("127.0.0.1:0", (server) => server.addService(policyProto.xrouter.policy.v1.PolicyService.service, {
      Decide: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => callback({ code: grpc.status.INTERNAL, details: "secret stack at policy.ts:42" }),
    }), []);
    gateway = await startService("gateway", {
      XROUTER_PORT: "0", NATS_URL: natsUrl(), XROUTER_NATS_PREFIX: `${system.prefix}x`, XROUTER_LEDGER_ADDR: system.ledgerAddr,
      XROUTER_POLICY_ADDR: `127.0.0.1:${policy.port}`, XROUTER_CATALOG: `${ROOT}test/fixtures/openai-catalog.json`,
      XROUTER_POLICY_INPROCESS: "false",
    });
  }, 60_000);

  afterAll(async () => {
    await gateway?.kill();
    await policy?.shutdown();
  });

  it("an internal failure of the routing policy is a 500 api_error without the details", async () => {
    await system.restartLedger("SIGTERM").catch(() => undefined);
    const c = new OpenAI({ baseURL: `http://127.0.0.1:${gateway.port}/v1`, apiKey: system.apiKey, maxRetries: 0 });
    const error = await c.chat.completions.create({ model: "router", messages: [{ role: "user", content: "x" }] }).catch((e) => e);
    expect(error.status).toBe(500);
    expect(error.error.type).toBe("api_error");
    expect(JSON.stringify(error.error)).not.toContain("secret");
  });
});
