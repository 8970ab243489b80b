// The image: its Dockerfile, and the fake servers and tools it runs.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { LedgerClient } from "../services/common/src/index.js";
import { FAKES, parsePort } from "../deploy/fakes/fakes.js";
import { cheapestRouter, quotedCost } from "../deploy/fakes/router-script.js";
import { createKeyOptions } from "../deploy/tools/create-key.js";
import { environmentOf, loadCompose } from "./support/compose.js";
import { startService, type ServiceProcess } from "./support/processes.js";
import { SERVICE_ENV, serviceArgs } from "../scripts/lib/service-command.js";
import type { VllmRequest } from "./support/fake-vllm.js";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const compose = loadCompose(join(ROOT, "docker-compose.yml"));


// ---- the image -----------------------------------------------------------------------------------

interface Stage { name: string; from: string; lines: string[] }

function dockerStages(text: string): Stage[] {
  const stages: Stage[] = [];
  const logical = text.replace(/\\\n/g, " ").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
  for (const line of logical) {
    const from = /^FROM\s+(\S+)(?:\s+AS\s+(\S+))?$/i.exec(line);
    if (from) stages.push({ from: from[1]!, name: from[2] ?? `#${stages.length}`, lines: [] });
    else stages.at(-1)!.lines.push(line);
  }
  return stages;
}

/** Relative imports of a TypeScript file, resolved from the repository root. */
function relativeImports(file: string): string[] {
  const text = readFileSync(join(ROOT, file), "utf8");
  const dir = file.split("/").slice(0, -1).join("/");
  return [...text.matchAll(/^(?:import|export)[^"']*from\s+["']([^"']+)["']/gm)].map((m) => m[1]!)
    .map((spec) => (spec.startsWith(".") ? join(dir, spec).replace(/\.js$/, ".ts") : spec));
}

describe("Dockerfile", () => {
  const stages = dockerStages(readFileSync(join(ROOT, "Dockerfile"), "utf8"));
  const stage = (name: string) => stages.find((s) => s.name === name)!;
  const chain = (name: string): Stage[] => {
    const s = stage(name);
    return s && stages.some((p) => p.name === s.from) ? [...chain(s.from), s] : [s];
  };
  const dockerignore = readFileSync(join(ROOT, ".dockerignore"), "utf8").split("\n").map((l) => l.trim());

  it("builds a runtime image of production dependencies that runs as a non-root user by default", () => {
    expect(stages.at(-1)!.name).toBe("runtime");
    const runtime = chain("runtime");
    expect(runtime.map((s) => s.name)).toEqual(["base", "app", "runtime"]);
    expect(stage("base").from).toMatch(/^node:20-/);
    const lines = runtime.flatMap((s) => s.lines);
    const user = lines.filter((l) => l.startsWith("USER ")).at(-1);
    expect(user).toMatch(/^USER [1-9][0-9]*:[1-9][0-9]*$/);
    expect(stage("prod-deps").lines).toContainEqual(expect.stringMatching(/^RUN npm ci --omit=dev\b/));
    expect(lines).toContain("COPY --from=prod-deps /app/node_modules ./node_modules");
    // the services run compiled: the compiler stays in the build stage, only dist/ leaves it
    expect(stage("build").lines).toContain("RUN npm run build");
    // the base stage sets NODE_ENV=production, under which npm ci skips the compiler
    expect(stage("build").lines).toContainEqual(expect.stringMatching(/^RUN npm ci --include=dev\b/));
    expect(lines).toContain("COPY --from=build /app/dist ./dist");
    // no stage of the runtime image installs dev dependencies or copies tests
    expect(lines.filter((l) => /npm (ci|install)(?!.*--omit=dev)/.test(l))).toEqual([]);
    expect(lines.filter((l) => /^COPY\s+(\S+\s+)*test\//.test(l))).toEqual([]);
    expect(lines.at(-1) ?? "").not.toMatch(/^USER 0|^USER root/);
  });

  it("copies only sources that exist, and artifacts/ whether or not it does", () => {
    for (const s of stages) {
      for (const line of s.lines.filter((l) => l.startsWith("COPY ") && !l.includes("--from="))) {
        const parts = line.split(/\s+/).slice(1).filter((p) => !p.startsWith("--"));
        for (const source of parts.slice(0, -1)) {
          if (source.includes("[")) continue;
          expect(existsSync(join(ROOT, source)), `${s.name}: ${line}`).toBe(true);
        }
      }
    }
    expect(stage("app").lines).toContain("COPY deploy/docker/artifacts/ artifact[s] ./artifacts/");
    expect(statSync(join(ROOT, "deploy/docker/artifacts")).isDirectory()).toBe(true);
    expect(dockerignore).not.toContain("artifacts");
  });

  it("gives the fakes stage every test helper the fakes import, and only files that need no dev dependency", () => {
    const helpers = relativeImports("deploy/fakes/fakes.ts").filter((p) => p.startsWith("test/support/"));
    expect(helpers.sort()).toEqual(["test/support/fake-anthropic.ts", "test/support/fake-openai.ts", "test/support/fake-vllm.ts"]);
    const copied = stage("fakes").lines.find((l) => l.startsWith("COPY test/support/"))!.split(/\s+/).slice(1, -1);
    expect(copied.sort()).toEqual(helpers);
    for (const helper of [...helpers, "deploy/fakes/fakes.ts", "deploy/fakes/router-script.ts", "deploy/fakes/main.ts"]) {
      for (const spec of relativeImports(helper)) {
        // node built-ins, or files that are in the image; `import type` lines vanish at run time
        const ok = spec.startsWith("node:") || helpers.includes(spec) || spec.startsWith("deploy/fakes/");
        expect(ok, `${helper} imports ${spec}`).toBe(true);
      }
      if (helper.startsWith("test/")) expect(dockerignore, helper).toContain(`!${helper}`);
    }
    expect(dockerignore).toContain("test/**");
  });

  it("ships an entry point that names its commands and rejects others", () => {
    const entrypoint = join(ROOT, "deploy/docker/entrypoint.sh");
    expect(statSync(entrypoint).mode & 0o111).not.toBe(0);
    expect(spawnSync("sh", ["-n", entrypoint]).status).toBe(0);
    const unknown = spawnSync("sh", [entrypoint, "bogus"], { env: { ...process.env, XROUTER_APP_DIR: ROOT }, encoding: "utf8" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command 'bogus' \(gateway \| policy \| executor \| ledger \| create-key \| fake\)/);
  });

  it("starts a service with the V8 flags and the malloc setting npm start gives it", () => {
    const text = readFileSync(join(ROOT, "deploy/docker/entrypoint.sh"), "utf8");
    const v8Flags = /V8_FLAGS="([^"]*)"/.exec(text)?.[1]?.split(" ");
    expect(v8Flags).toEqual(serviceArgs("gateway", "compiled").filter((a) => a.startsWith("--") && a !== "--import"));
    for (const [name, value] of Object.entries(SERVICE_ENV)) expect(text).toContain(`export ${name}="\${${name}:-${value}}"`);
  });
});

// ---- what the image runs ---------------------------------------------------------------------------

/** Runs `xrouter <args>` through the entry point from the repository root, as the image would from /app. */
function runEntrypoint(args: string[], env: Record<string, string>) {
  const child = spawn("sh", [join(ROOT, "deploy/docker/entrypoint.sh"), ...args], {
    env: { ...process.env, XROUTER_APP_DIR: ROOT, ...env }, stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => { stdout += c.toString("utf8"); });
  child.stderr.on("data", (c: Buffer) => { stderr += c.toString("utf8"); });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return { child, exited, out: () => stdout, err: () => stderr };
}

async function startFake(name: string): Promise<{ port: number; stop(): Promise<number | null> }> {
  const run = runEntrypoint(["fake", name], { FAKE_PORT: "0", FAKE_HOST: "127.0.0.1" });
  const deadline = Date.now() + 20_000;
  while (!/"fake ready"/.test(run.out())) {
    if (Date.now() > deadline || run.child.exitCode !== null) throw new Error(`fake ${name} did not start: ${run.err()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const port = (JSON.parse(run.out().split("\n")[0]!) as { port: number }).port;
  return { port, stop: async () => { run.child.kill("SIGTERM"); return run.exited; } };
}

describe("the fakes docker compose runs", () => {
  const post = (port: number, path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`http://127.0.0.1:${port}${path}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  it("serves the OpenAI-compatible fake on the port it is given, and stops on SIGTERM", async () => {
    const fake = await startFake("openai");
    const answer = await post(fake.port, "/v1/chat/completions", { model: "gpt-4o-mini", messages: [{ role: "user", content: "Hello" }] });
    expect(answer.status).toBe(200);
    const body = await answer.json() as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toBe("Fake answer from gpt-4o-mini to: Hello");
    expect(await fake.stop()).toBe(0);
  });

  it("serves the Anthropic fake", async () => {
    const fake = await startFake("anthropic");
    const answer = await post(fake.port, "/v1/messages",
      { model: "claude-haiku-4.5", max_tokens: 64, messages: [{ role: "user", content: "Hello" }] },
      { "x-api-key": "k", "anthropic-version": "2023-06-01" });
    expect(answer.status).toBe(200);
    expect((await answer.json() as { type: string }).type).toBe("message");
    expect(await fake.stop()).toBe(0);
  });

  it("serves a router LLM that calls the cheapest model, then selects its answer", async () => {
    const fake = await startFake("vllm");
    const tool = (name: string, cost: string) => ({ type: "function", function: { name, description: `Call it. This request costs about $${cost} with it.`, parameters: {} } });
    const first = await post(fake.port, "/v1/chat/completions", {
      model: "xrouter-7b", messages: [{ role: "user", content: "Hi" }],
      tools: [tool("call_gpt_5", "0.0125"), tool("call_gpt_oss_20b", "0.000023"), tool("call_gpt_4o_mini", "0.00009")],
    });
    const reply = await first.json() as { choices: Array<{ message: { tool_calls: Array<{ function: { name: string } }> } }> };
    expect(reply.choices[0]!.message.tool_calls.map((c) => c.function.name)).toEqual(["call_gpt_oss_20b"]);
    expect(await fake.stop()).toBe(0);
  });

  it("are the fakes compose starts, each on its usual port", () => {
    const fakes = Object.entries(compose.services).filter(([, s]) => s.build?.target === "fakes");
    expect(fakes.map(([, s]) => s.command[1]).sort()).toEqual(Object.keys(FAKES).sort());
    for (const [name, s] of fakes) {
      expect(s.command[0], name).toBe("fake");
      expect(Number(environmentOf(s).FAKE_PORT), name).toBe(FAKES[s.command[1]]!.defaultPort);
    }
    expect(parsePort(undefined, 8080)).toBe(8080);
    expect(parsePort("0", 8080)).toBe(0);
    expect(() => parsePort("http", 8080)).toThrow(/not a port/);
  });

  it("the fake router's choices follow the tools the policy offers", () => {
    const request = (tools: unknown[]): VllmRequest => ({ index: 0, headers: {}, body: { model: "m", messages: [], tools: tools as VllmRequest["body"]["tools"] } });
    const call = (name: string, description?: string) => ({ type: "function", function: { name, description: description ?? "", parameters: {} } });
    expect(quotedCost("This request costs about $0.000120 with it (at most $0.01).")).toBeCloseTo(0.00012);
    expect(quotedCost("no price")).toBe(Number.POSITIVE_INFINITY);
    expect(cheapestRouter(request([call("call_a", "costs about $2"), call("call_b"), call("call_c", "costs about $1")])).toolCalls)
      .toEqual([{ name: "call_c", arguments: { optimized_system_prompt: expect.any(String) } }]);
    const select = { type: "function", function: { name: "select_response", description: "", parameters: { properties: { model_call_name: { enum: ["call_c"] } } } } };
    expect(cheapestRouter(request([call("call_a", "costs about $2"), select])).toolCalls)
      .toEqual([{ name: "select_response", arguments: { model_call_name: "call_c" } }]);
    expect(cheapestRouter(request([])).content).toMatch(/No model/);
  });
});

describe("xrouter create-key", () => {
  let ledger: ServiceProcess;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), "xrouter-deploy-ledger-"));
    ledger = await startService("ledger", { XROUTER_LEDGER_PORT: "0", XROUTER_DATA_DIR: dataDir, DATABASE_URL: "" }, { label: "deploy-ledger" });
  });

  afterAll(async () => {
    await ledger?.kill();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("reads its options and finds the ledger from the environment", () => {
    expect(createKeyOptions(["--tenant", "acme"], { XROUTER_LEDGER_PORT: "6000" })).toEqual({ tenant: "acme", name: "acme key", address: "127.0.0.1:6000" });
    expect(createKeyOptions(["--tenant", "acme", "--name", "prod"], { XROUTER_LEDGER_ADDR: "ledger:50062" }).address).toBe("ledger:50062");
    expect(() => createKeyOptions([], {})).toThrow(/--tenant is required/);
    expect(() => createKeyOptions(["--tenant", "a", "--budget", "1"], {})).toThrow();
  });

  it("creates a key through the ledger that then authenticates", async () => {
    const run = runEntrypoint(["create-key", "--tenant", "deploy-test", "--name", "from the deploy test"], { XROUTER_LEDGER_PORT: String(ledger.port) });
    expect(await run.exited, run.err()).toBe(0);
    const key = run.out().trim();
    expect(key.length).toBeGreaterThan(20);
    const client = new LedgerClient(`127.0.0.1:${ledger.port}`);
    try {
      const auth = await client.authenticate(key);
      expect(auth.ok).toBe(true);
    } finally {
      client.close();
    }
  });

  it("fails with a message when --tenant is missing", async () => {
    const run = runEntrypoint(["create-key"], { XROUTER_LEDGER_PORT: String(ledger.port) });
    expect(await run.exited).toBe(1);
    expect(run.err()).toMatch(/create-key: --tenant is required/);
  });
});
