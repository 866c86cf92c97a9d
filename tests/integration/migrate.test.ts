import { cp, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { MIGRATIONS_DIR, migrate, readMigrations } from "@/lib/db/migrate";
import { databaseKind, databaseUrl } from "@/tests/helpers/db";

async function throwawayDatabase(url: string) {
  const name = `paperboy_migrate_${process.pid}_${Date.now()}`;
  await query(url, `CREATE DATABASE "${name}"`);
  const fresh = new URL(url);
  fresh.pathname = `/${name}`;
  return {
    url: fresh.toString(),
    stop: async () => void (await query(url, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)),
  };
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("migration runner", () => {
  it("recorded every migration in _prisma_migrations the way Prisma does", async () => {
    const files = await readMigrations();
    const rows = await query<{
      migration_name: string;
      checksum: string;
      finished_at: Date | null;
      applied_steps_count: number;
      id: string;
    }>(
      databaseUrl(),
      `SELECT id, migration_name, checksum, finished_at, applied_steps_count FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows.map((r) => r.migration_name)).toEqual(files.map((f) => f.name));
    for (const [i, row] of rows.entries()) {
      expect(row.checksum).toBe(files[i]!.checksum);
      expect(row.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
    }
  });

  it("applies nothing the second time", async () => {
    expect(await migrate(databaseUrl())).toEqual([]);
  });

  describe("on a fresh database", () => {
    // A throwaway database of the same kind the suite runs on.
    let fresh: { url: string; stop: () => Promise<void> };
    let dir: string;
    beforeAll(async () => {
      fresh = databaseKind() === "pglite" ? await startEmbeddedPostgres({}) : await throwawayDatabase(databaseUrl());
      dir = await mkdtemp(path.join(tmpdir(), "paperboy-migrations-"));
      await cp(MIGRATIONS_DIR, dir, { recursive: true });
    });
    afterAll(async () => fresh.stop());

    it("two runners started at once apply each migration exactly once", async () => {
      const [a, b] = await Promise.all([migrate(fresh.url, dir), migrate(fresh.url, dir)]);
      const names = (await readMigrations(dir)).map((m) => m.name);
      expect([...a, ...b].sort()).toEqual(names.sort());
      const rows = await query<{ n: string }>(fresh.url, `SELECT count(*)::text AS n FROM "_prisma_migrations"`);
      expect(rows[0]!.n).toBe(String(names.length));
    });

    it("a failing migration rolls back completely and is not recorded", async () => {
      const bad = path.join(dir, "29990101000000_broken");
      await cp(path.join(dir, (await readMigrations(dir))[0]!.name), bad, { recursive: true });
      await writeFile(
        path.join(bad, "migration.sql"),
        `CREATE TABLE "half_done" (id int);\nSELECT * FROM "no_such_table";`,
      );
      await expect(migrate(fresh.url, dir)).rejects.toThrow(/29990101000000_broken failed/);
      const tables = await query(fresh.url, `SELECT 1 FROM pg_tables WHERE tablename = 'half_done'`);
      expect(tables).toHaveLength(0);
      const rows = await query(
        fresh.url,
        `SELECT 1 FROM "_prisma_migrations" WHERE migration_name = '29990101000000_broken'`,
      );
      expect(rows).toHaveLength(0);
    });

    it("refuses to continue when an applied migration was edited", async () => {
      const first = (await readMigrations(dir))[0]!;
      await writeFile(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited`);
      await expect(migrate(fresh.url, dir)).rejects.toThrow(/edited after it was applied/);
    });
  });
});
