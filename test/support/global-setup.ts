import type { TestProject } from "vitest/node";
import { resolveInfra } from "./infra.js";

declare module "vitest" {
  export interface ProvidedContext {
    natsUrl: string;
    databaseUrl: string;
    infraSource: string;
  }
}

export default async function setup(project: TestProject) {
  const infra = await resolveInfra();
  process.stderr.write(`test services: ${infra.source} (NATS ${infra.natsUrl})\n`);
  project.provide("natsUrl", infra.natsUrl);
  project.provide("databaseUrl", infra.databaseUrl);
  project.provide("infraSource", infra.source);
  return () => infra.stop();
}
