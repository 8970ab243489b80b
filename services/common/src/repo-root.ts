// Where the repository's data lives (protos/, catalogs/, the ledger's migrations), found from this
// file's own place: the services run from their TypeScript sources (tsx: tests, development) and
// from the compiled JavaScript under dist/ (npm start, the image), one level deeper.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function findRepoRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "protos"))) return dir;
    if (dirname(dir) === dir) throw new Error(`no repository root (package.json and protos/) above ${from}`);
  }
}

export const REPO_ROOT = findRepoRoot(dirname(fileURLToPath(import.meta.url)));
