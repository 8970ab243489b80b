// Picks the adapter for `ProviderCall.provider`. Providers with credentials get their real
// adapter; the rest fall back to the simulated provider (or a clear failure when simulation is
// off). The replay provider serves recorded data-set answers when its data is there.
import { existsSync } from "node:fs";
import type { ProviderAdapter, ProviderRegistry } from "../core/provider.js";
import { createAnthropicAdapter } from "./anthropic/index.js";
import { createOpenAICompatibleAdapter, type OpenAICompatibleOptions } from "./openai-compatible/index.js";
import { DEFAULT_REPLAY_DATA, loadReplayDataset, resolveDataPath } from "./replay/dataset.js";
import { createReplayAdapter, type ReplayLatency } from "./replay/index.js";
import { createNotConfiguredAdapter, createSimulatedAdapter } from "./simulated.js";

export interface EndpointSettings {
  apiKey?: string;
  baseUrl?: string;
}

export interface ReplaySettings {
  /** Data files (relative to the repository root); undefined: the shipped data sets when present. */
  data?: string[];
  latency: ReplayLatency;
}

export interface ProviderSettings {
  /** Per provider name (openai, together, gemini, anthropic, vllm ...). */
  endpoints: Record<string, EndpointSettings>;
  /** Answer calls of unconfigured providers with the simulated provider. */
  simulateMissing: boolean;
  simulatedLatencyMs: number;
  replay?: ReplaySettings;
}

interface AdapterFactory {
  defaultBaseUrl?: string;
  /** Self-hosted servers (vLLM) often need no key, only a URL. */
  needsKey: boolean;
  create(provider: string, endpoint: { apiKey?: string; baseUrl: string }): ProviderAdapter;
}

const openAICompatible = (
  defaultBaseUrl: string | undefined, extra: Partial<OpenAICompatibleOptions> = {}, needsKey = true,
): AdapterFactory => ({
  defaultBaseUrl, needsKey,
  create: (provider, endpoint) => createOpenAICompatibleAdapter({ provider, ...endpoint, ...extra }),
});

export const ADAPTERS: Record<string, AdapterFactory> = {
  openai: openAICompatible("https://api.openai.com/v1", { maxTokensField: "max_completion_tokens" }),
  together: openAICompatible("https://api.together.xyz/v1"),
  gemini: openAICompatible("https://generativelanguage.googleapis.com/v1beta/openai", { usageStyle: "gemini" }),
  anthropic: {
    defaultBaseUrl: "https://api.anthropic.com", needsKey: true,
    create: (provider, endpoint) => createAnthropicAdapter({ provider, ...endpoint }),
  },
  vllm: openAICompatible(undefined, {}, false),
  "openai-compatible": openAICompatible(undefined, {}, false),
};

/**
 * Explicitly configured data loads now, so a bad path stops the executor at start; the shipped
 * default loads on the first replay call, so executors that never replay never pay for it.
 */
function replayAdapter(settings: ReplaySettings | undefined): ProviderAdapter | undefined {
  if (!settings) return undefined;
  if (settings.data) return createReplayAdapter({ dataset: loadReplayDataset(settings.data), latency: settings.latency });
  const present = DEFAULT_REPLAY_DATA.filter((p) => existsSync(resolveDataPath(p)));
  if (present.length === 0) return undefined;
  return createReplayAdapter({ dataset: () => loadReplayDataset(present), latency: settings.latency });
}

export function createProviderRegistry(settings: ProviderSettings): ProviderRegistry {
  const adapters = new Map<string, ProviderAdapter>();
  const simulated = createSimulatedAdapter({ latencyMs: settings.simulatedLatencyMs });
  const fallback = settings.simulateMissing ? simulated : createNotConfiguredAdapter();
  adapters.set("simulated", simulated);
  for (const [provider, factory] of Object.entries(ADAPTERS)) {
    const endpoint = settings.endpoints[provider] ?? {};
    const baseUrl = endpoint.baseUrl ?? factory.defaultBaseUrl;
    const configured = baseUrl !== undefined && (endpoint.apiKey !== undefined || (!factory.needsKey && endpoint.baseUrl !== undefined));
    if (configured) adapters.set(provider, factory.create(provider, { apiKey: endpoint.apiKey, baseUrl }));
  }
  const replay = replayAdapter(settings.replay);
  if (replay) adapters.set("replay", replay);
  return {
    get: (provider) => adapters.get(provider) ?? fallback,
    async close() {
      await Promise.allSettled([...new Set(adapters.values())].map((a) => a.close?.()));
    },
  };
}

/** Names of the providers that will get real calls, for the start-up log (never the keys). */
export function configuredProviders(registry: ProviderRegistry): string[] {
  return [...Object.keys(ADAPTERS), "replay"]
    .filter((p) => registry.get(p)?.kind !== "simulated" && registry.get(p)?.kind !== "not-configured");
}
