import { describe, expect, it } from "vitest";
import { metricsText } from "../../../common/src/index.js";
import { ProviderError } from "../core/provider.js";
import { collectStream } from "../core/stream.js";
import { makeCall, okResponse, registryOf, scriptedProvider } from "../test-fakes.js";
import { instrumentedProviders } from "./telemetry.js";

const sample = async (pattern: RegExp) => Number(pattern.exec((await metricsText()).body)?.[1] ?? 0);

describe("provider telemetry", () => {
  it("counts tokens and failures per provider attempt, for plain and streamed calls", async () => {
    const model = `model-${Math.random().toString(36).slice(2)}`;
    const call = makeCall({ model_id: model });
    const adapter = scriptedProvider(async () => okResponse(), async () => {
      throw new ProviderError("down", { code: "provider_server_error", retryable: true });
    });
    const providers = instrumentedProviders(registryOf({
      ...adapter,
      async stream(_call, _signal, onEvent) { onEvent({ contentDelta: "hi" }); onEvent({ usage: { input_tokens: 3, output_tokens: 1 }, finishReason: "stop" }); },
    }));
    const wrapped = providers.get("openai")!;
    expect(providers.get("openai")).toBe(wrapped);
    await wrapped.complete(call, new AbortController().signal);
    await expect(wrapped.complete(call, new AbortController().signal)).rejects.toMatchObject({ code: "provider_server_error" });
    await collectStream((onEvent) => wrapped.stream!(call, new AbortController().signal, onEvent), () => {}, model);
    const tokens = new RegExp(`gen_ai_client_token_usage_sum\\{gen_ai_request_model="${model}",gen_ai_provider_name="openai",gen_ai_token_type="input"\\} (\\d+)`);
    expect(await sample(tokens)).toBe(10 + 3);
    expect(await sample(new RegExp(`xrouter_provider_errors_total\\{provider="openai",model="${model}",code="provider_server_error"\\} (\\d+)`))).toBe(1);
  });
});
