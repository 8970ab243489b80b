// The whole system and its mock upstream, pinned as bench:overhead pins them (services on CPU 0,
// mock and driver on CPU 1), warmed up (3 s at 8 connections, 3 s at the measured rate) before a
// fixed-rate measurement: what bench/gc.ts and bench/tails.ts share.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pinningAvailable, type Managed } from "./procs.js";
import { runConcurrency, runRate, type Target } from "./load.js";
import { startMock, xrouterTarget } from "./targets.js";
import { startXRouter, type XRouterOptions, type XRouterSystem } from "./xrouter.js";

export interface WarmSystem {
  system: XRouterSystem;
  /** The mock upstream the system calls. */
  mock: Managed;
  target: Target;
  logDir: string;
  stop(): Promise<void>;
}

export async function startWarmSystem(
  options: Pick<XRouterOptions, "root" | "executors" | "nodeArgs" | "serviceEnv" | "label"> & { rate: number; stream: boolean; logDir?: string },
): Promise<WarmSystem> {
  const pin = pinningAvailable();
  const logDir = options.logDir ?? mkdtempSync(join(tmpdir(), `xr-${options.label}-`));
  const mock = await startMock(logDir, pin ? "1" : undefined);
  const system = await startXRouter({
    ...options, upstream: `http://127.0.0.1:${mock.port}/v1`, runtime: "compiled", cpus: pin ? "0" : undefined, logDir,
    env: { LOG_LEVEL: "info" },
  }).catch(async (error: unknown) => { await mock.stop(); throw error; });
  const stop = async () => { await system.stop(); await mock.stop(); };
  try {
    const target = xrouterTarget(system.baseUrl, system.apiKey);
    await runConcurrency(target, 8, 3, options.stream);
    await runRate(target, options.rate, 3, options.stream);
    return { system, mock, target, logDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
