// Runs a service as a real child process (its TypeScript sources through tsx) and
// waits for its JSON "ready" log line, which carries the port it bound (port 0 in tests).
import { spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { SERVICE_ENV, serviceArgs, type Runtime, type ServiceName } from "../../scripts/lib/service-command.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export interface ServiceProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  port: number;
  logs: string[];
  /** Resolves when the process has exited. */
  exited: Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startService(
  name: ServiceName,
  env: Record<string, string>,
  options: { readyTimeoutMs?: number; label?: string; runtime?: Runtime } = {},
): Promise<ServiceProcess> {
  // the sources, through tsx, unless a test asks for the build: a test never runs a stale build
  const child = spawn(process.execPath, serviceArgs(name, options.runtime ?? "tsx"), {
    cwd: ROOT, env: { ...SERVICE_ENV, ...process.env, LOG_LEVEL: "info", ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} not ready in time:\n${logs.slice(-20).join("\n")}`)),
      options.readyTimeoutMs ?? 30_000);
    let buffered = "";
    const onData = (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        logs.push(line);
        try {
          const entry = JSON.parse(line) as { msg?: string; port?: number };
          if (entry.msg === "ready") { clearTimeout(timer); resolve(entry.port ?? 0); }
        } catch { /* not a JSON line */ }
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", (c: Buffer) => logs.push(c.toString("utf8")));
    void exited.then((code) => { clearTimeout(timer); reject(new Error(`${name} exited with ${code}:\n${logs.slice(-20).join("\n")}`)); });
  });
  return {
    name: options.label ?? name, child, pid: child.pid!, port, logs, exited,
    async kill(signal: NodeJS.Signals = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
