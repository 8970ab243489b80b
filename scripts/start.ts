// `npm start`: the whole system on this machine, one process per service. It uses real NATS
// when NATS_URL is set or 127.0.0.1:4222 answers (two executor processes), otherwise the
// in-process transport (executors inside the gateway); PostgreSQL when DATABASE_URL is set,
// otherwise embedded PGlite under .xrouter/. It prints a development API key and stops every
// process on Ctrl-C.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { LedgerClient, probeNats } from "../services/common/src/index.js";
import {
  buildServices, defaultExecutorCount, nicedCommand, SERVICE_ENV, serviceArgs, serviceNiceness, type Runtime, type ServiceName,
} from "./lib/service-command.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const dataDir = process.env.XROUTER_DATA_DIR ?? `${root}.xrouter`;
const PROVIDER_KEYS = ["OPENAI_API_KEY", "TOGETHER_API_KEY", "GEMINI_API_KEY", "ANTHROPIC_API_KEY"];

type Service = ServiceName;
// XROUTER_RUNTIME=tsx runs the TypeScript sources directly (no build; ~36 MiB more per process)
const runtime: Runtime = process.env.XROUTER_RUNTIME === "tsx" ? "tsx" : "compiled";
// read before anything starts, so that a bad value stops `npm start` with its message at once
const niceness = serviceNiceness(process.env.XROUTER_SERVICE_NICENESS);
const children: { label: string; child: ChildProcess }[] = [];
let shuttingDown = false;

function say(line: string): void {
  process.stdout.write(`[xrouter] ${line}\n`);
}

function startChild(service: Service, label: string, env: Record<string, string>): Promise<void> {
  const [command, args] = nicedCommand(niceness[service], process.execPath, serviceArgs(service, runtime));
  const child = spawn(command, args, {
    cwd: root, env: { ...SERVICE_ENV, ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  children.push({ label, child });
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      buffered += chunk.toString("utf8");
      let nl: number;
      while ((nl = buffered.indexOf("\n")) >= 0) {
        const line = buffered.slice(0, nl);
        buffered = buffered.slice(nl + 1);
        process.stdout.write(`[${label}] ${line}\n`);
        if (line.includes('"msg":"ready"')) resolve();
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => process.stderr.write(`[${label}] ${chunk.toString("utf8")}`));
    child.once("exit", (code, signal) => {
      reject(new Error(`${label} exited (${code ?? signal}) before it was ready`));
      if (!shuttingDown) {
        say(`${label} exited (${code ?? signal}); stopping everything`);
        void shutdown(1);
      }
    });
  });
}

async function shutdown(exitCode: number): Promise<void> {
  if (shuttingDown) return;
  shuttingDown = true;
  say("stopping");
  const alive = children.filter(({ child }) => child.exitCode === null && child.signalCode === null);
  await Promise.all(alive.reverse().map(({ child }) => new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
    setTimeout(() => child.kill("SIGKILL"), 8000).unref();
  })));
  process.exit(exitCode);
}

async function ensureDevKey(ledgerAddress: string): Promise<string> {
  const keyFile = `${dataDir}/dev-api-key`;
  const ledger = new LedgerClient(ledgerAddress);
  try {
    if (existsSync(keyFile)) {
      const existing = readFileSync(keyFile, "utf8").trim();
      if ((await ledger.authenticate(existing)).ok) return existing;
    }
    const created = await ledger.createKey({ tenant_id: "dev", name: "development key (npm start)" });
    writeFileSync(keyFile, `${created.api_key}\n`, { mode: 0o600 });
    return created.api_key;
  } finally {
    ledger.close();
  }
}

async function main(): Promise<void> {
  process.once("SIGINT", () => void shutdown(0));
  process.once("SIGTERM", () => void shutdown(0));
  mkdirSync(dataDir, { recursive: true });
  if (runtime === "compiled") {
    say("compiling the services to dist/ (npm run build; XROUTER_RUNTIME=tsx skips it)");
    buildServices(root);
  }
  const natsUrl = process.env.NATS_URL ?? "127.0.0.1:4222";
  const useNats = process.env.XROUTER_TRANSPORT !== "memory" && await probeNats(natsUrl, 1500);
  if (!useNats && process.env.NATS_URL) throw new Error(`NATS_URL=${natsUrl} does not answer`);
  say(useNats ? `NATS JetStream at ${natsUrl}` : `${process.env.XROUTER_TRANSPORT === "memory" ? "XROUTER_TRANSPORT=memory" : "no NATS server answers"}: using the embedded in-process transport (executors run inside the gateway)`);
  say(process.env.DATABASE_URL ? "ledger on PostgreSQL (DATABASE_URL)" : `ledger on embedded PGlite in ${dataDir}/ledger-db`);
  const simulated = !PROVIDER_KEYS.some((k) => process.env[k]) && !["routerbench", "arena-hard"].includes(process.env.XROUTER_CATALOG ?? "");
  if (simulated) say("no provider API key is set: models are served by the SIMULATED provider (labelled answers); routing, costs and ledger entries are real");

  // the data-set catalogs are served by the replay provider and routed by their learned policy
  const catalog = process.env.XROUTER_CATALOG ?? "xrouter";
  const dataSet = ["routerbench", "arena-hard"].includes(catalog) ? catalog : undefined;
  const routing: Record<string, string> = dataSet ? {
    XROUTER_CATALOG: catalog,
    XROUTER_LEARNED_ARTIFACT: process.env.XROUTER_LEARNED_ARTIFACT ?? `${root}artifacts/${dataSet}.policy.json`,
    XROUTER_POLICY_DEFAULT: process.env.XROUTER_POLICY_DEFAULT ?? "learned",
    XROUTER_REPLAY_DATA: process.env.XROUTER_REPLAY_DATA ?? `../shared/data/${dataSet}/dev.jsonl`,
  } : { XROUTER_CATALOG: catalog };
  if (dataSet) say(`catalog ${catalog}: answers replayed from ${routing.XROUTER_REPLAY_DATA}, routed by the learned policy ${routing.XROUTER_LEARNED_ARTIFACT}`);

  const ledgerAddr = process.env.XROUTER_LEDGER_ADDR ?? "127.0.0.1:50062";
  const policyAddr = process.env.XROUTER_POLICY_ADDR ?? "127.0.0.1:50061";
  const common = { XROUTER_DATA_DIR: dataDir, XROUTER_LEDGER_ADDR: ledgerAddr, XROUTER_POLICY_ADDR: policyAddr, ...routing };
  await Promise.all([
    // over NATS the executors' call records come on the records stream; embedded executors send them over gRPC
    startChild("ledger", "ledger", {
      ...common, NATS_URL: useNats ? natsUrl : "", XROUTER_LEDGER_PORT: ledgerAddr.split(":").pop()!, XROUTER_METRICS_PORT: "9462",
    }),
    startChild("policy", "policy", { ...common, XROUTER_POLICY_PORT: policyAddr.split(":").pop()!, XROUTER_METRICS_PORT: "9461" }),
  ]);
  if (useNats) {
    const executors = Number(process.env.XROUTER_EXECUTORS ?? defaultExecutorCount());
    await Promise.all(Array.from({ length: executors }, (_, i) =>
      startChild("executor", `executor-${i + 1}`, {
        ...common, NATS_URL: natsUrl, XROUTER_EXECUTOR_ID: `executor-${i + 1}`, XROUTER_METRICS_PORT: String(9463 + i),
      })));
  }
  await startChild("gateway", "gateway", { ...common, NATS_URL: natsUrl, XROUTER_TRANSPORT: useNats ? "nats" : "memory" });
  const key = await ensureDevKey(ledgerAddr);
  const port = process.env.XROUTER_PORT ?? "8800";
  say(`ready: http://127.0.0.1:${port}/v1  (OpenAI-compatible; model "router")`);
  say(`metrics: gateway :${port}/metrics, policy :9461, ledger :9462, executors :9463+`);
  say(`development API key (also in ${dataDir}/dev-api-key):`);
  say(key);
}

main().catch((error: unknown) => {
  say(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  void shutdown(1);
});
