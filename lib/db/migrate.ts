import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";

// Prisma's CLI cannot run migrations on machines without its native schema
// engine, so this runner applies prisma/migrations itself and records them in
// `_prisma_migrations` exactly as `prisma migrate deploy` does, so both agree.

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// The same advisory lock key Prisma Migrate takes, so the two never interleave.
const PRISMA_ADVISORY_LOCK = 72707369;

const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export type Migration = { name: string; sql: string; checksum: string };

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

export class MigrationError extends Error {}

/** Applies pending migrations; returns the names applied. Safe to run concurrently. */
export async function migrate(connectionString: string, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    await client.query(CREATE_MIGRATIONS_TABLE);
    const applied: string[] = [];
    for (const m of migrations) {
      // One transaction per migration: it applies and is recorded, or neither.
      // The record is read inside the transaction too: on PGlite every
      // connection shares one session, so the advisory lock does not exclude
      // a second runner there, but transactions do.
      await client.query("BEGIN");
      try {
        const { rows } = await client.query<{ checksum: string; finished_at: Date | null }>(
          `SELECT checksum, finished_at FROM "_prisma_migrations"
            WHERE migration_name = $1 AND rolled_back_at IS NULL`,
          [m.name],
        );
        const row = rows[0];
        if (row && !row.finished_at) {
          throw new MigrationError(`Migration ${m.name} failed earlier and needs manual resolution`);
        }
        if (row && row.checksum !== m.checksum) {
          throw new MigrationError(`Migration ${m.name} was edited after it was applied`);
        }
        if (row) {
          await client.query("COMMIT");
          continue;
        }
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations"
             (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
           VALUES ($1, $2, $3, now(), now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK");
        if (error instanceof MigrationError) throw error;
        throw new MigrationError(`Migration ${m.name} failed: ${(error as Error).message}`);
      }
      applied.push(m.name);
    }
    return applied;
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    await client.end();
  }
}
