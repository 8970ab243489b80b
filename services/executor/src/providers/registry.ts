// Picks the adapter for `ProviderCall.provider`. Providers with credentials get their real
// adapter; the rest fall back to the simulated provider (or a clear failure when simulation is
// off). New adapters (Anthropic native, replay) register a factory in ADAPTERS.
import type { ProviderAdapter, ProviderRegistry } from "../core/provider.js";
import { createOpenAICompatibleAdapter } from "./openai-compatible/index.js";
import { createNotConfiguredAdapter, createSimulatedAdapter } from "./simulated.js";

export interface EndpointSettings {
  apiKey?: string;
  baseUrl?: string;
}

export interface ProviderSettings {
  /** Per provider name (openai, together, gemini, anthropic, vllm ...). */
  endpoints: Record<string, EndpointSettings>;
  /** Answer calls of unconfigured providers with the simulated provider. */
  simulateMissing: boolean;
  simulatedLatencyMs: number;
}

interface AdapterFactory {
  defaultBaseUrl?: string;
  /** Self-hosted servers (vLLM) often need no key, only a URL. */
  needsKey: boolean;
  create(provider: string, endpoint: { apiKey?: string; baseUrl: string }): ProviderAdapter;
}

const openAICompatible = (defaultBaseUrl: string | undefined, needsKey = true): AdapterFactory => ({
  defaultBaseUrl, needsKey,
  create: (provider, endpoint) => createOpenAICompatibleAdapter({ provider, ...endpoint }),
});

export const ADAPTERS: Record<string, AdapterFactory> = {
  openai: openAICompatible("https://api.openai.com/v1"),
  together: openAICompatible("https://api.together.xyz/v1"),
  gemini: openAICompatible("https://generativelanguage.googleapis.com/v1beta/openai"),
  // Anthropic's OpenAI-compatible endpoint until the native adapter lands (it reports no cache-write tokens)
  anthropic: openAICompatible("https://api.anthropic.com/v1"),
  vllm: openAICompatible(undefined, false),
  "openai-compatible": openAICompatible(undefined, false),
};

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
  return {
    get: (provider) => adapters.get(provider) ?? fallback,
    async close() {
      await Promise.allSettled([...new Set(adapters.values())].map((a) => a.close?.()));
    },
  };
}

/** Names of the providers that will get real calls, for the start-up log (never the keys). */
export function configuredProviders(registry: ProviderRegistry): string[] {
  return Object.keys(ADAPTERS).filter((p) => registry.get(p)?.kind !== "simulated" && registry.get(p)?.kind !== "not-configured");
}
