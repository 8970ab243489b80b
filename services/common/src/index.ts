// The one public entry of services/common. Services import from here, never from deeper paths,
// except generated proto types (services/common/src/generated/...), which are types only.
export * from "./errors.js";
export * from "./config.js";
export * from "./logger.js";
export * from "./money.js";
export * from "./catalog.js";
export * from "./ids.js";
export * from "./grpc.js";
export * from "./proto.js";
export * from "./bus/index.js";
export * from "./types.js";
export { LedgerClient } from "./clients/ledger.js";
export { PolicyClient } from "./clients/policy.js";
export * from "./tokens.js";
export * from "./telemetry/index.js";
export * from "./tokenizer.js";
export * from "./batcher.js";
export { REPO_ROOT } from "./repo-root.js";
