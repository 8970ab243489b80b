import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { getPriority } from "node:os";
import { describe, expect, it } from "vitest";
import { nicedCommand, SERVICE_ENV, SERVICE_NICENESS, serviceArgs, serviceNiceness, type ServiceName } from "./service-command.js";

describe("one service alone", () => {
  it("starts with the node flags and the environment npm start gives it (package.json's start:<service> repeats them)", () => {
    const scripts = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { scripts: Record<string, string> }).scripts;
    // what the operator set wins, as in npm start
    const env = Object.entries(SERVICE_ENV).map(([k, v]) => `${k}=\${${k}:-${v}} `).join("");
    for (const name of ["gateway", "policy", "executor", "ledger"] satisfies ServiceName[]) {
      expect(scripts[`start:${name}`], name).toBe(`npm run build && ${env}node ${serviceArgs(name, "compiled").join(" ")}`);
    }
  });
});

describe("service niceness", () => {
  it("leaves the answer path at the parent's niceness and lowers the services off it", () => {
    expect(serviceNiceness(undefined)).toEqual(SERVICE_NICENESS);
    expect(SERVICE_NICENESS.gateway).toBe(0);
    expect(SERVICE_NICENESS.executor).toBe(0);
    expect(SERVICE_NICENESS.ledger).toBeGreaterThan(0);
    expect(SERVICE_NICENESS.policy).toBeGreaterThan(0);
  });

  it("takes XROUTER_SERVICE_NICENESS's overrides and refuses anything else by name", () => {
    expect(serviceNiceness(" ledger=0, policy=5 ")).toEqual({ ...SERVICE_NICENESS, ledger: 0, policy: 5 });
    for (const bad of ["ledger", "ledger=ten", "cache=3", "gateway=20", "policy=-21"]) {
      expect(() => serviceNiceness(bad), bad).toThrow(/XROUTER_SERVICE_NICENESS: '.*' is not <service>=<niceness -20\.\.19>/);
    }
  });

  it("starts every thread of a service at its niceness, V8's and libuv's too", () => {
    // each thread's niceness is field 19 of /proc/self/task/<tid>/stat; a setpriority of the pid
    // after start would have moved the main thread alone
    const script = `
      const { readdirSync, readFileSync } = require("node:fs");
      const nice = readdirSync("/proc/self/task").map((tid) => {
        const stat = readFileSync("/proc/self/task/" + tid + "/stat", "utf8");
        return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[16]);
      });
      console.log(JSON.stringify(nice));`;
    const [command, args] = nicedCommand(7, process.execPath, ["-e", script]);
    const run = spawnSync(command, args, { encoding: "utf8" });
    expect(run.status, run.stderr).toBe(0);
    const threads = JSON.parse(run.stdout) as number[];
    expect(threads.length).toBeGreaterThan(3);
    const expected = Math.min(19, getPriority() + 7);
    expect(threads.every((n) => n === expected), `thread niceness ${run.stdout}`).toBe(true);
    expect(nicedCommand(0, process.execPath, ["-v"])).toEqual([process.execPath, ["-v"]]);
  });
});
