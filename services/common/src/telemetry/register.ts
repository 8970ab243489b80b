// Loaded with `node --import` before a service's main module, so the SDK is up before the
// application: `node --import tsx --import ./services/common/src/telemetry/register.ts services/<name>/src/main.ts`.
import { startTracing } from "./tracing.js";

const service = /services\/([a-z]+)\/src\/main\.ts$/.exec(process.argv[1] ?? "")?.[1] ?? "unknown";
await startTracing(`xrouter-${service}`);
