// The one place that decides where the test services come from, once per test run:
//   1. testcontainers, when a Docker engine answers;
//   2. NATS_URL / DATABASE_URL from the environment;
//   3. the services this machine runs: NATS on 127.0.0.1:4222, PostgreSQL on 127.0.0.1:5432 (database test).
// When none answers the run fails with a message naming what is missing: tests never skip.
import { existsSync } from "node:fs";
import { connect as netConnect } from "node:net";
import pg from "pg";
import { probeNats } from "../../services/common/src/index.js";

export interface Infra {
  source: "testcontainers" | "environment" | "local";
  natsUrl: string;
  /** A database the tests may create other databases from. */
  databaseUrl: string;
  stop(): Promise<void>;
}

function tcpAnswers(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = netConnect({ host, port, timeout: timeoutMs });
    socket.once("connect", () => { socket.destroy(); resolve(true); });
    socket.once("error", () => resolve(false));
    socket.once("timeout", () => { socket.destroy(); resolve(false); });
  });
}

async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function dockerAnswers(): Promise<boolean> {
  if (process.env.DOCKER_HOST) return true;
  return existsSync("/var/run/docker.sock");
}

async function fromTestcontainers(): Promise<Infra | undefined> {
  try {
    const { GenericContainer, Wait } = await import("testcontainers");
    const { PostgreSqlContainer } = await import("@testcontainers/postgresql");
    const nats = await new GenericContainer("nats:2.11-alpine").withCommand(["-js"]).withExposedPorts(4222)
      .withWaitStrategy(Wait.forLogMessage(/Server is ready/)).start();
    const postgres = await new PostgreSqlContainer("postgres:16-alpine").withDatabase("test").start();
    return {
      source: "testcontainers",
      natsUrl: `${nats.getHost()}:${nats.getMappedPort(4222)}`,
      databaseUrl: postgres.getConnectionUri(),
      async stop() { await Promise.all([nats.stop(), postgres.stop()]); },
    };
  } catch (error) {
    process.stderr.write(`testcontainers could not start containers (${(error as Error).message}); using servers\n`);
    return undefined;
  }
}

export async function resolveInfra(): Promise<Infra> {
  if (!process.env.NATS_URL && !process.env.DATABASE_URL && (await dockerAnswers())) {
    const containers = await fromTestcontainers();
    if (containers) return containers;
  }
  const fromEnv = Boolean(process.env.NATS_URL || process.env.DATABASE_URL);
  const natsUrl = process.env.NATS_URL ?? "127.0.0.1:4222";
  const databaseUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
  const missing: string[] = [];
  if (!(await probeNats(natsUrl, 2000))) missing.push(`NATS with JetStream at ${natsUrl}`);
  if (!(await postgresAnswers(databaseUrl))) missing.push(`PostgreSQL at ${databaseUrl.replace(/:[^:@/]*@/, ":***@")}`);
  if (missing.length > 0) {
    throw new Error(`integration tests need ${missing.join(" and ")}: no Docker engine for testcontainers, and `
      + "nothing answers there. Start them or set NATS_URL / DATABASE_URL.");
  }
  return { source: fromEnv ? "environment" : "local", natsUrl, databaseUrl, async stop() {} };
}
