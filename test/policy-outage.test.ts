// The policy service going away degrades routing, not availability: the gateway decides
// in-process with its fallback policy and says so, and /readyz reports the outage.
import OpenAI from "openai";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startSystem, type RunningSystem } from "./support/system.js";

let system: RunningSystem;

beforeAll(async () => {
  // the policy service's own path: with the default XROUTER_POLICY_INPROCESS the gateway would not miss it
  system = await startSystem("outage", { executors: 1, env: { XROUTER_POLICY_INPROCESS: "false" } });
}, 120_000);

afterAll(async () => {
  await system?.stop();
});

it("answers through the in-process fallback policy while the policy service is down", async () => {
  const client = new OpenAI({ baseURL: system.baseUrl, apiKey: system.apiKey, maxRetries: 0 });
  const before = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "before" }] }) as any;
  expect(before.router_metadata.policy).toBe("cheapest");

  system.policy.child.kill("SIGKILL");
  await system.policy.exited;

  const during = await client.chat.completions.create({ model: "router", messages: [{ role: "user", content: "during" }] }) as any;
  expect(during.router_metadata.policy).toBe("fallback:cheapest");
  expect(during.choices[0].message.content).toContain("during");
  expect(during.router_metadata.total_cost).toBeGreaterThan(0);

  const ready = await fetch(system.baseUrl.replace("/v1", "/readyz"));
  expect(ready.status).toBe(503);
  expect((await ready.json() as { checks: Record<string, boolean> }).checks.policy).toBe(false);
});
