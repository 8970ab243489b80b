// What CheckRateLimit costs per request, measured over real gRPC against an in-process ledger:
// sequential latency (p50 / p99, compared with Authenticate, the one ledger call every request
// makes anyway) and throughput with 32 checks in flight against one hot key.
//   node --import tsx bench/rate-limit-cost.ts [postgres-url]
// The URL (default: DATABASE_URL, else postgres://postgres@127.0.0.1:5432/test) is only used to
// create and drop a throwaway database; PGlite runs in a temporary directory.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createLogger, LedgerClient } from "../services/common/src/index.js";
import { startLedger } from "../services/ledger/src/app.js";

const N = 2000;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;

async function timeEach(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  for (let i = 0; i < 100; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < N; i += 1) {
    const t = performance.now();
    await run();
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

async function measure(storage: string, config: { databaseUrl?: string; dataDir: string }) {
  const ledger = await startLedger({ port: 0, host: "127.0.0.1", logLevel: "silent", ...config }, { logger: createLogger("bench", "silent") });
  const client = new LedgerClient(ledger.address, 30_000);
  try {
    const created = await client.createKey({ tenant_id: `bench-${Date.now()}`, rpm_limit: 2_000_000_000, tpm_limit: 2_000_000_000 });
    const keyId = created.key!.key_id;
    const check = await timeEach(() => client.checkRateLimit({ key_id: keyId, tokens: 100 }));
    const auth = await timeEach(() => client.authenticate(created.api_key));
    const started = performance.now();
    let done = 0;
    await Promise.all(Array.from({ length: 32 }, async () => {
      while (done < N) { done += 1; await client.checkRateLimit({ key_id: keyId, tokens: 100 }); }
    }));
    const perSecond = N / ((performance.now() - started) / 1000);
    const f = (ms: number) => ms.toFixed(2);
    console.log(`${storage.padEnd(8)} CheckRateLimit p50 ${f(check.p50)} ms p99 ${f(check.p99)} ms | Authenticate p50 ${f(auth.p50)} ms p99 ${f(auth.p99)} ms | one hot key, 32 in flight: ${Math.round(perSecond)} checks/s`);
  } finally {
    client.close();
    await ledger.stop();
  }
}

async function withScratchDatabase(adminUrl: string, run: (url: string) => Promise<void>) {
  const name = `xr_bench_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  try {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    await run(url.toString());
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  }
}

const adminUrl = process.argv[2] ?? process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
await withScratchDatabase(adminUrl, (url) => measure("postgres", { databaseUrl: url, dataDir: ".xrouter" }));
const dir = await mkdtemp(join(tmpdir(), "xr-bench-"));
try {
  await measure("pglite", { dataDir: dir });
} finally {
  await rm(dir, { recursive: true, force: true });
}
