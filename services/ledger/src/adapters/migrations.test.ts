import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { listMigrations, MIGRATIONS_DIR } from "./migrations.js";

describe("migration files", () => {
  let dir: string | undefined;
  afterEach(async () => { if (dir) await rm(dir, { recursive: true, force: true }); });

  it("orders by number, not by text, and ignores other files", async () => {
    dir = await mkdtemp(join(tmpdir(), "xr-migrations-"));
    for (const name of ["10_later.sql", "2_second.sql", "0001_first.sql", "notes.md", "x_bad.sql"]) {
      await writeFile(join(dir, name), "SELECT 1;");
    }
    expect(await listMigrations(dir)).toEqual(["0001_first.sql", "2_second.sql", "10_later.sql"]);
  });

  it("finds the ledger's own migrations, starting with the initial schema", async () => {
    const files = await listMigrations(MIGRATIONS_DIR);
    expect(files[0]).toBe("0001_init.sql");
  });
});
