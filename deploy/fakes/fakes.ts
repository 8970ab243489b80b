// The test fakes (test/support) as long-lived servers for docker compose, so the whole system
// runs without provider keys or a GPU. The fakes were built for tests: they listen on a random
// loopback port and keep every request for assertions. Here a fixed port on all interfaces is
// forwarded to that port, and the request logs are emptied now and then.
import { connect, createServer, type Server, type Socket } from "node:net";
import { startFakeAnthropic } from "../../test/support/fake-anthropic.js";
import { startFakeOpenAI } from "../../test/support/fake-openai.js";
import { startFakeVllm } from "../../test/support/fake-vllm.js";
import { cheapestRouter } from "./router-script.js";

interface RunningFake { url: string; requests: unknown[]; close(): Promise<void> }

interface FakeKind {
  defaultPort: number;
  start(env: NodeJS.ProcessEnv): Promise<RunningFake>;
}

const apiKey = (env: NodeJS.ProcessEnv) => env.FAKE_API_KEY || undefined;

export const FAKES: Record<string, FakeKind> = {
  // OpenAI, Together and Gemini's OpenAI-compatible endpoint: POST /v1/chat/completions
  openai: { defaultPort: 8080, start: (env) => startFakeOpenAI({ apiKey: apiKey(env) }) },
  // Anthropic's Messages API: POST /v1/messages
  anthropic: { defaultPort: 8081, start: (env) => startFakeAnthropic({ apiKey: apiKey(env) }) },
  // the router LLM, answering as a cost-minded xRouter checkpoint would (router-script.ts)
  vllm: { defaultPort: 8000, start: () => startFakeVllm(cheapestRouter) },
};

export interface ServedFake {
  port: number;
  close(): Promise<void>;
}

function forward(client: Socket, port: number, host: string): void {
  const upstream = connect(port, host);
  const end = () => { client.destroy(); upstream.destroy(); };
  client.on("error", end).on("close", end);
  upstream.on("error", end).on("close", end);
  client.pipe(upstream).pipe(client);
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === "") return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`FAKE_PORT: not a port: ${value}`);
  return port;
}

/** Starts the named fake and serves it on FAKE_PORT (default: its usual port) of FAKE_HOST (default 0.0.0.0). */
export async function serveFake(name: string, env: NodeJS.ProcessEnv = process.env): Promise<ServedFake> {
  const kind = FAKES[name];
  if (!kind) throw new Error(`unknown fake '${name}' (${Object.keys(FAKES).join(" | ")})`);
  const port = parsePort(env.FAKE_PORT, kind.defaultPort);
  const host = env.FAKE_HOST || "0.0.0.0";
  const fake = await kind.start(env);
  const inner = new URL(fake.url);
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    client.once("close", () => sockets.delete(client));
    forward(client, Number(inner.port), inner.hostname);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
  const bound = (server.address() as { port: number }).port;
  // nothing reads the requests outside a test; without this a long run would keep every one
  const trim = setInterval(() => fake.requests.splice(0), 60_000);
  trim.unref();
  return {
    port: bound,
    close: async () => {
      clearInterval(trim);
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}
