// Loaded with `node --import` before a service's main module, so the SDK is up before the
// application: `node --import ./dist/services/common/src/telemetry/register.js dist/services/<name>/src/main.js`
// (or the .ts sources through tsx).
import { serviceNameOf, startTracing } from "./tracing.js";

await startTracing(serviceNameOf(process.argv[1]));
