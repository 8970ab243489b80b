// Regenerates the TypeScript types of protos/ into services/common/src/generated (or --out DIR).
// proto-loader-gen-types writes extension-less relative imports; NodeNext ESM needs ".js", so the
// output is rewritten after generation. `--check` regenerates into a temp dir and fails on drift.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const committed = join(root, "services/common/src/generated");
export const PROTO_FILES = [
  "xrouter/chat/v1/chat.proto",
  "xrouter/executor/v1/calls.proto",
  "xrouter/policy/v1/policy.proto",
  "xrouter/ledger/v1/ledger.proto",
  "xrouter/ledger/v1/records.proto",
];

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

export function generate(outDir: string): void {
  rmSync(outDir, { recursive: true, force: true });
  const bin = join(root, "node_modules/@grpc/proto-loader/build/bin/proto-loader-gen-types.js");
  execFileSync(process.execPath, [bin, "--keepCase", "--longs=Number", "--enums=String", "--defaults",
    "--oneofs", "--grpcLib=@grpc/grpc-js", "--includeComments", "-I", join(root, "protos"), "-O", outDir,
    ...PROTO_FILES], { cwd: root, stdio: "inherit" });
  for (const file of listFiles(outDir)) {
    const text = readFileSync(file, "utf8")
      .replace(/from '(\.{1,2}\/[^']+)'/g, "from '$1.js'")
      .replace(/^\/\/ Original file: .*$/m, (line) => line.replace(root, ""));
    writeFileSync(file, text);
  }
}

function check(): void {
  const fresh = mkdtempSync(join(tmpdir(), "xrouter-gen-"));
  try {
    generate(fresh);
    const a = listFiles(committed).map((f) => relative(committed, f)).sort();
    const b = listFiles(fresh).map((f) => relative(fresh, f)).sort();
    const stale = [...new Set([...a, ...b])].filter((f) => !a.includes(f) || !b.includes(f)
      || readFileSync(join(committed, f), "utf8") !== readFileSync(join(fresh, f), "utf8"));
    if (stale.length > 0) {
      console.error(`generated proto types are stale: ${stale.join(", ")}\nrun: npm run gen:protos`);
      process.exit(1);
    }
    console.log(`generated proto types are fresh (${a.length} files)`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--check")) check();
  else generate(committed);
}
