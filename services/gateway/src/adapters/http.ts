// The HTTP edge: Fastify with OpenAI-shaped errors everywhere, the chat route, models and health.
import Fastify, { type FastifyInstance } from "fastify";
import { metricsText, modelNotFound, nanoToUsd, XRouterError, type Catalog, type Logger } from "../../../common/src/index.js";
import { registerAdminRoutes } from "./admin-routes.js";
import { registerChatRoute, type ChatRouteDeps } from "./chat-route.js";
import { sendError } from "./openai-errors.js";
import { registerSpendRoutes } from "./spend-route.js";

export interface HttpDeps extends ChatRouteDeps {
  bodyLimitBytes: number;
  /** XROUTER_ADMIN_TOKEN; absent: the admin API answers 403. */
  adminToken?: string;
  readiness(): Promise<Record<string, boolean>>;
}

function modelObjects(catalog: Catalog, policies: readonly string[]) {
  const created = 1_700_000_000;
  const routers = ["router", ...policies.map((p) => `router:${p}`)].map((id) => ({
    id, object: "model" as const, created, owned_by: "xrouter", xrouter: { kind: "router" },
  }));
  const models = catalog.models.map((m) => ({
    id: m.id, object: "model" as const, created, owned_by: m.provider,
    xrouter: {
      kind: "model", tier: m.tier, provider: m.provider, context_window: m.context_window, max_output_tokens: m.max_output_tokens,
      capabilities: m.capabilities,
      pricing: {
        input_usd_per_million: m.pricePerMillion.input, output_usd_per_million: m.pricePerMillion.output,
        cached_input_usd_per_million: nanoToUsd(m.price.cached_input_nanousd_per_token) * 1e6,
      },
    },
  }));
  return [...routers, ...models];
}

function drainBody(stream: NodeJS.ReadableStream, timeoutMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, timeoutMs);
    stream.on("end", () => { clearTimeout(timer); resolve(); });
    stream.on("error", () => { clearTimeout(timer); resolve(); });
    stream.resume();
  });
}

export function buildHttpServer(deps: HttpDeps): FastifyInstance {
  const app = Fastify({ bodyLimit: deps.bodyLimitBytes, logger: false, return503OnClosing: true });
  app.setErrorHandler(async (error, request, reply) => {
    // Answering a too-large body before the client finished sending it makes most clients see a
    // broken pipe instead of the 413: read and discard the rest first (bounded in time).
    if ((error as { code?: string }).code === "FST_ERR_CTP_BODY_TOO_LARGE" && !request.raw.readableEnded) {
      await drainBody(request.raw, 10_000);
    }
    return sendError(reply, error, deps.logger);
  });
  app.setNotFoundHandler((request, reply) => sendError(reply, new XRouterError(
    `Unknown request URL: ${request.method} ${request.url.split("?")[0]}.`,
    { status: 404, type: "invalid_request_error", code: "unknown_url" }), deps.logger));

  registerChatRoute(app, deps);
  registerAdminRoutes(app, deps);
  registerSpendRoutes(app, deps);

  const models = modelObjects(deps.catalog, deps.policies);
  app.get("/v1/models", async (request, reply) => {
    await deps.auth.authenticate(request.headers.authorization);
    return reply.send({ object: "list", data: models });
  });
  app.get<{ Params: { id: string } }>("/v1/models/*", async (request, reply) => {
    await deps.auth.authenticate(request.headers.authorization);
    const id = (request.params as Record<string, string>)["*"] ?? "";
    const found = models.find((m) => m.id === id);
    if (!found) throw modelNotFound(id);
    return reply.send(found);
  });

  app.get("/healthz", async () => ({ status: "ok" }));
  app.get("/metrics", async (_request, reply) => {
    const { contentType, body } = await metricsText();
    return reply.header("content-type", contentType).send(body);
  });
  app.get("/readyz", async (_request, reply) => {
    const checks = await deps.readiness();
    const ready = Object.values(checks).every(Boolean);
    return reply.code(ready ? 200 : 503).send({ status: ready ? "ready" : "not ready", checks });
  });
  return app;
}
