// The policy service as a real process, over real gRPC: what the gateway sees.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CallStatus, checkHealth, estimateInputTokens, grpc, isServiceError, loadCatalog, PolicyClient,
  type Candidate, type CatalogModel, type ChatMessage, type DecideRequest,
} from "../services/common/src/index.js";
import { startService, type ServiceProcess } from "./support/processes.js";

const catalog = loadCatalog("xrouter");

function toCandidate(model: CatalogModel): Candidate {
  return {
    model_id: model.id, provider: model.provider, tier: model.tier, price: model.price,
    context_window: model.context_window, max_output_tokens: model.max_output_tokens,
    capabilities: model.capabilities, description: model.description,
  };
}

const candidates = ["gpt-5", "claude-haiku-4.5", "gpt-4o-mini", "gpt-oss-20b", "gemini-2.5-flash"]
  .map((id) => toCandidate(catalog.get(id)!));
const messages: ChatMessage[] = [{ role: "user", content: "Summarise the plot of Hamlet in two sentences." }];
const base: DecideRequest = { request_id: "chatcmpl-policy-test", turn: 1, max_turns: 3, messages, candidates, params: { max_tokens: 512 } };

async function grpcCode(promise: Promise<unknown>): Promise<number> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!isServiceError(error)) throw new Error(`expected a gRPC error, got ${String(error)}`);
  return error.code;
}

describe("policy service", () => {
  let policy: ServiceProcess;
  let client: PolicyClient;
  let address: string;

  beforeAll(async () => {
    policy = await startService("policy", { XROUTER_POLICY_PORT: "0" });
    address = `127.0.0.1:${policy.port}`;
    client = new PolicyClient(address);
  });

  afterAll(async () => {
    client?.close();
    await policy?.kill();
  });

  it("answers the gRPC health check, overall and for PolicyService", async () => {
    expect(policy.port).toBeGreaterThan(0);
    expect(await checkHealth(address)).toBe(true);
    expect(await checkHealth(address, 1000, "xrouter.policy.v1.PolicyService")).toBe(true);
  });

  it("routes to the cheapest catalog model by default", async () => {
    const response = await client.decide(base);
    expect(response.action).toBe("call");
    expect(response.policy).toBe("cheapest");
    expect(response.call?.calls.map((c) => c.model_id)).toEqual(["gpt-oss-20b"]);
    expect(response.call?.calls[0]?.max_tokens).toBe(512);
    expect(response.call?.final_if_ok).toBe(true);
  });

  it("falls back after a failure and selects after a success", async () => {
    const failed = { call_id: "call_1", model_id: "gpt-oss-20b", turn: 1, status: CallStatus.CALL_STATUS_FAILED, cost_nanousd: 0 };
    const fallback = await client.decide({ ...base, outcomes: [failed] });
    expect(fallback.call?.calls.map((c) => c.model_id)).toEqual(["gpt-4o-mini"]);
    const ok = { call_id: "call_2", model_id: "gpt-4o-mini", turn: 1, status: CallStatus.CALL_STATUS_OK, content: "...", cost_nanousd: 1234 };
    const select = await client.decide({ ...base, outcomes: [failed, ok] });
    expect(select.action).toBe("select");
    expect(select.select?.call_id).toBe("call_2");
  });

  it("routes by tier when asked to", async () => {
    const response = await client.decide({ ...base, hints: { policy: "tier", mode: "quality" } });
    expect(response.policy).toBe("tier");
    expect(response.call?.calls.map((c) => c.model_id)).toEqual(["gpt-5"]);
  });

  it("answers RESOURCE_EXHAUSTED when no candidate fits the budget", async () => {
    // gpt-oss-20b, the cheapest, needs its whole worst case reserved: input at 50 and 512 output tokens at 200.
    const cheapestWorstCase = estimateInputTokens(messages) * 50 + 512 * 200;
    expect(await grpcCode(client.decide({ ...base, remaining_budget_nanousd: cheapestWorstCase - 1 })))
      .toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(await grpcCode(client.decide({ ...base, hints: { max_cost_nanousd: cheapestWorstCase - 1 } })))
      .toBe(grpc.status.RESOURCE_EXHAUSTED);
    const exact = await client.decide({ ...base, remaining_budget_nanousd: cheapestWorstCase });
    expect(exact.call?.calls[0]?.model_id).toBe("gpt-oss-20b");
  });

  it("answers INVALID_ARGUMENT for an unknown policy, UNAVAILABLE when all failed, FAILED_PRECONDITION when filtered", async () => {
    expect(await grpcCode(client.decide({ ...base, hints: { policy: "no-such-policy" } }))).toBe(grpc.status.INVALID_ARGUMENT);
    const outcomes = candidates.map((c, i) => ({ call_id: `call_${i}`, model_id: c.model_id, status: CallStatus.CALL_STATUS_UNAVAILABLE }));
    expect(await grpcCode(client.decide({ ...base, outcomes }))).toBe(grpc.status.UNAVAILABLE);
    expect(await grpcCode(client.decide({ ...base, hints: { allow_models: ["not-offered"] } }))).toBe(grpc.status.FAILED_PRECONDITION);
  });
});

describe("policy service start-up and shutdown", () => {
  it("uses a configured fixed model as its default", async () => {
    const fixed = await startService("policy", {
      XROUTER_POLICY_PORT: "0", XROUTER_POLICY_DEFAULT: "fixed", XROUTER_POLICY_FIXED_MODEL: "claude-haiku-4.5",
    }, { label: "policy-fixed" });
    const client = new PolicyClient(`127.0.0.1:${fixed.port}`);
    try {
      const response = await client.decide(base);
      expect(response.policy).toBe("fixed");
      expect(response.call?.calls.map((c) => c.model_id)).toEqual(["claude-haiku-4.5"]);
    } finally {
      client.close();
    }
    expect(await fixed.kill("SIGTERM")).toBe(0);
    expect(fixed.logs.some((line) => line.includes('"msg":"stopped"'))).toBe(true);
  });

  it("refuses to start with an unknown default policy", async () => {
    await expect(startService("policy", { XROUTER_POLICY_PORT: "0", XROUTER_POLICY_DEFAULT: "nope" }))
      .rejects.toThrow(/exited with 2[\s\S]*XROUTER_POLICY_DEFAULT/);
  });
});
