// The floor that NATS itself puts under a routed request's first token on this machine: a
// call stored by JetStream (file storage; sent unacknowledged, as the gateway sends one) delivered to a pull
// consumer in another process, which answers at once with a core NATS publish (as the executor's
// first token). Two bare processes (nats-floor-peer.ts) on the services' core, no routing, no
// provider: what is left of xrouter's added time to first token above this and the bare proxy's
// HTTP hop is xrouter's own work. `mode: "core"` measures the same exchange with no stream (a
// core queue subscription): the difference is what the durable queue costs.
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { spawnManaged } from "./procs.js";
import { REPO_ROOT } from "./xrouter.js";

export type FloorFigures = Record<string, { p50: number; p90: number; p99: number; n: number }>;

export async function measureNatsFloor(options: {
  natsUrl?: string; rates: number[]; seconds: number; cpus?: string; logDir: string; mode?: "jetstream" | "core";
}): Promise<FloorFigures> {
  const script = ["--import", "tsx", join(REPO_ROOT, "bench/lib/nats-floor-peer.ts")];
  const stream = `FLOOR_${randomBytes(4).toString("hex").toUpperCase()}`;
  const env = {
    NATS_URL: options.natsUrl ?? process.env.NATS_URL ?? "127.0.0.1:4222",
    FLOOR_STREAM: stream,
    FLOOR_RATES: options.rates.join(","), FLOOR_SECONDS: String(options.seconds), FLOOR_MODE: options.mode ?? "jetstream",
  };
  const echo = await spawnManaged({
    name: "floor-echo", command: process.execPath, args: script, cwd: REPO_ROOT, cpus: options.cpus,
    logFile: join(options.logDir, `${stream.toLowerCase()}-echo.log`), env: { ...env, FLOOR_ROLE: "echo" },
  });
  try {
    const driver = await spawnManaged({
      name: "floor-drive", command: process.execPath, args: script, cwd: REPO_ROOT, cpus: options.cpus,
      logFile: join(options.logDir, `${stream.toLowerCase()}-drive.log`), env: { ...env, FLOOR_ROLE: "drive" }, waitReady: false,
    });
    const code = await driver.exited;
    const line = readFileSync(driver.logFile, "utf8").split("\n").find((l) => l.includes('"msg":"floor"'));
    if (code !== 0 || !line) throw new Error(`the NATS floor driver failed (${code}); see ${driver.logFile}`);
    return (JSON.parse(line) as { rates: FloorFigures }).rates;
  } finally {
    await echo.stop();
  }
}
