// The one registry of span and metric attribute names. GenAI names follow the OpenTelemetry
// semantic conventions for generative AI; everything of ours lives under `xrouter.`.
export const GenAI = {
  operationName: "gen_ai.operation.name",
  providerName: "gen_ai.provider.name",
  requestModel: "gen_ai.request.model",
  responseModel: "gen_ai.response.model",
  requestMaxTokens: "gen_ai.request.max_tokens",
  usageInputTokens: "gen_ai.usage.input_tokens",
  usageOutputTokens: "gen_ai.usage.output_tokens",
  responseFinishReasons: "gen_ai.response.finish_reasons",
  tokenType: "gen_ai.token.type",
} as const;

export const XRouter = {
  requestId: "xrouter.request_id",
  callId: "xrouter.call_id",
  tenantId: "xrouter.tenant_id",
  costUsd: "xrouter.cost_usd",
  costNanoUsd: "xrouter.cost_nanousd",
  routerCostUsd: "xrouter.router_cost_usd",
  policy: "xrouter.policy",
  routingStrategy: "xrouter.routing_strategy",
  candidates: "xrouter.candidates",
  modelUsed: "xrouter.model_used",
  turn: "xrouter.turn",
  turnsUsed: "xrouter.turns_used",
  decision: "xrouter.decision",
  callStatus: "xrouter.call.status",
  attempt: "xrouter.call.attempt",
  deliveryCount: "xrouter.delivery_count",
  executorId: "xrouter.executor_id",
  estimatedUsage: "xrouter.usage.estimated",
  prompt: "xrouter.prompt",
  completion: "xrouter.completion",
} as const;

export const Messaging = {
  system: "messaging.system",
  operationType: "messaging.operation.type",
  destination: "messaging.destination.name",
  messageId: "messaging.message.id",
} as const;
