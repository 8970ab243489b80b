// The benchmark's targets, started side by side on loopback: the mock upstream ("direct"), the
// bare undici proxy, the bare queued proxy (xrouter's hops, no logic), Portkey's open-source
// gateway when it is installed, and the whole xrouter.
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Target } from "./load.js";
import { spawnManaged, type Managed } from "./procs.js";
import { REPO_ROOT } from "./xrouter.js";
import { freePort } from "../../test/support/nats-server.js";

export { freePort };

export const PROMPT = "Summarise in one sentence why the sky is blue.";

export function chatBody(model: string, stream: boolean, maxTokens = 64): string {
  return JSON.stringify({
    model, max_tokens: maxTokens, stream, messages: [{ role: "user", content: PROMPT }],
  });
}


const tsxScript = (file: string) => ["--import", "tsx", join(REPO_ROOT, file)];

export async function startMock(logDir: string, cpus: string | undefined, env: Record<string, string> = {}): Promise<Managed> {
  return spawnManaged({
    name: "mock", command: process.execPath, args: tsxScript("bench/lib/mock-upstream.ts"), cwd: REPO_ROOT,
    cpus, logFile: `${logDir}/mock.log`, env,
  });
}

export async function startProxy(logDir: string, cpus: string | undefined, upstreamOrigin: string): Promise<Managed> {
  return spawnManaged({
    name: "proxy", command: process.execPath, args: tsxScript("bench/lib/passthrough-proxy.ts"), cwd: REPO_ROOT,
    cpus, logFile: `${logDir}/proxy.log`, env: { PROXY_UPSTREAM: upstreamOrigin },
  });
}

/**
 * The bare queued proxy (queued-proxy.ts): xrouter's hops with nothing else, its worker first (it
 * creates the stream and consumer), then its front. Both stopped together.
 */
export async function startQueuedProxy(
  logDir: string, cpus: string | undefined, upstreamOrigin: string, extraEnv: Record<string, string> = {}, nodeArgs: string[] = [],
): Promise<Managed[]> {
  const stream = `QUEUED_${randomBytes(4).toString("hex").toUpperCase()}`;
  const env = { QUEUED_STREAM: stream, QUEUED_UPSTREAM: upstreamOrigin, ...extraEnv };
  const worker = await spawnManaged({
    name: "queued-worker", command: process.execPath, args: [...nodeArgs, ...tsxScript("bench/lib/queued-proxy.ts")], cwd: REPO_ROOT,
    cpus, logFile: `${logDir}/queued-worker-${stream}.log`, env: { ...env, QUEUED_ROLE: "worker" },
  });
  const front = await spawnManaged({
    name: "queued-front", command: process.execPath, args: [...nodeArgs, ...tsxScript("bench/lib/queued-proxy.ts")], cwd: REPO_ROOT,
    cpus, logFile: `${logDir}/queued-front-${stream}.log`, env: { ...env, QUEUED_ROLE: "front" },
  });
  return [front, worker];
}

/** Where @portkey-ai/gateway is installed: --portkey DIR, PORTKEY_GATEWAY_DIR, or this project's node_modules. */
export function findPortkey(explicit?: string): string | undefined {
  const candidates = [explicit, process.env.PORTKEY_GATEWAY_DIR].filter((d): d is string => Boolean(d));
  for (const dir of candidates) {
    for (const root of [dir, join(dir, "node_modules/@portkey-ai/gateway")]) {
      if (existsSync(join(root, "build/start-server.js"))) return root;
    }
  }
  try {
    const pkg = createRequire(join(REPO_ROOT, "package.json")).resolve("@portkey-ai/gateway/package.json");
    return pkg.replace(/package\.json$/, "");
  } catch {
    return undefined;
  }
}

export async function startPortkey(dir: string, logDir: string, cpus: string | undefined): Promise<Managed> {
  const port = await freePort();
  return spawnManaged({
    name: "portkey", command: process.execPath, args: [join(dir, "build/start-server.js"), `--port=${port}`, "--headless"],
    cwd: dir, cpus, logFile: `${logDir}/portkey.log`, env: { NODE_ENV: "production" },
    waitReady: { port, match: (line) => line.includes("Ready for connections") || line.includes(`:${port}`) },
  });
}

export function directTarget(mockPort: number): Target {
  return {
    name: "direct", url: `http://127.0.0.1:${mockPort}/v1/chat/completions`,
    headers: { authorization: "Bearer sk-bench" }, body: (s) => chatBody("gpt-5-nano", s),
  };
}

export function proxyTarget(proxyPort: number): Target {
  return {
    name: "proxy", url: `http://127.0.0.1:${proxyPort}/v1/chat/completions`,
    headers: { authorization: "Bearer sk-bench" }, body: (s) => chatBody("gpt-5-nano", s),
  };
}

export function queuedTarget(frontPort: number, name = "queued"): Target {
  return {
    name, url: `http://127.0.0.1:${frontPort}/v1/chat/completions`,
    headers: { authorization: "Bearer sk-bench" }, body: (s) => chatBody("gpt-5-nano", s),
  };
}

export function portkeyTarget(portkeyPort: number, mockPort: number): Target {
  return {
    name: "portkey", url: `http://127.0.0.1:${portkeyPort}/v1/chat/completions`,
    headers: {
      authorization: "Bearer sk-bench", "x-portkey-provider": "openai", "x-portkey-custom-host": `http://127.0.0.1:${mockPort}/v1`,
    },
    body: (s) => chatBody("gpt-5-nano", s),
  };
}

/** model "router": the default policy decides, as for a client of `npm start`. */
export function xrouterTarget(baseUrl: string, apiKey: string, model = "router", name = "xrouter"): Target {
  return {
    name, url: `${baseUrl}/chat/completions`,
    headers: { authorization: `Bearer ${apiKey}` }, body: (s) => chatBody(model, s),
  };
}
