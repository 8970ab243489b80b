// A private nats-server with JetStream for tests that stop and restart NATS (chaos): its own
// loopback port and its own storage directory, so the shared server other tests use is never
// touched. Needs the nats-server binary (PATH, /usr/sbin, /usr/local/bin or NATS_SERVER_BIN).
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { probeNats } from "../../services/common/src/index.js";

export interface PrivateNats {
  url: string;
  port: number;
  storeDir: string;
  /** Stops the server with `signal` (default SIGTERM), waits `downMs`, starts it again on the same port and storage. */
  restart(signal?: NodeJS.Signals, downMs?: number): Promise<void>;
  stop(): Promise<void>;
}

export function natsServerBinary(): string | undefined {
  const candidates = [process.env.NATS_SERVER_BIN, "/usr/sbin/nats-server", "/usr/local/bin/nats-server", "/usr/bin/nats-server"];
  for (const path of (process.env.PATH ?? "").split(":")) candidates.push(join(path, "nats-server"));
  return candidates.find((c): c is string => Boolean(c) && existsSync(c!));
}

/** A port nothing listens on right now (for servers that cannot bind port 0 and report it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function startPrivateNats(): Promise<PrivateNats> {
  const binary = natsServerBinary();
  if (!binary) throw new Error("a private NATS server needs the nats-server binary (set NATS_SERVER_BIN)");
  const port = await freePort();
  const storeDir = await mkdtemp(join(tmpdir(), "xr-nats-"));
  const url = `127.0.0.1:${port}`;
  let child: ChildProcess | undefined;
  let exited: Promise<void> = Promise.resolve();

  const launch = async () => {
    child = spawn(binary, ["-a", "127.0.0.1", "-p", String(port), "-js", "-sd", storeDir], { stdio: "ignore" });
    exited = new Promise((resolve) => child!.once("exit", () => resolve()));
    const deadline = Date.now() + 15_000;
    while (!(await probeNats(url, 500))) {
      if (child.exitCode !== null) throw new Error(`nats-server on ${url} exited with ${child.exitCode}`);
      if (Date.now() > deadline) throw new Error(`nats-server on ${url} did not answer in time`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const halt = async (signal: NodeJS.Signals) => {
    if (child && child.exitCode === null && child.signalCode === null) {
      child.kill(signal);
      const timer = setTimeout(() => child?.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
  };

  await launch();
  return {
    url, port, storeDir,
    async restart(signal: NodeJS.Signals = "SIGTERM", downMs = 1000) {
      await halt(signal);
      await new Promise((r) => setTimeout(r, downMs));
      await launch();
    },
    async stop() {
      await halt("SIGTERM");
      await rm(storeDir, { recursive: true, force: true });
    },
  };
}
