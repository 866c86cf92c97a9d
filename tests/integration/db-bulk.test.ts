import { beforeEach, describe, expect, it } from "vitest";
import { runInTransaction } from "@/lib/db/bulk";
import { createPrisma, disconnectPrisma, poolOf, prisma } from "@/lib/db/client";
import { databaseUrl, resetDb, testDb } from "@/tests/helpers/db";

describe("bulk statements on the client's pool", () => {
  beforeEach(resetDb);

  it("run in one transaction: a failing statement rolls back the ones before it, and the pool stays usable", async () => {
    const db = testDb();
    const insert = (key: string) => ({
      text: `INSERT INTO app_state (key, value, updated_at) VALUES ($1, $2, now())`,
      values: [key, "v"],
    });
    await expect(runInTransaction(db, [insert("a"), insert("b"), insert("a")])).rejects.toThrow(/duplicate key/);
    expect(await db.appState.count()).toBe(0);
    await runInTransaction(db, [insert("a"), insert("b")]);
    expect((await db.appState.findMany({ orderBy: { key: "asc" } })).map((r) => r.key)).toEqual(["a", "b"]);
    // Every connection went back to the pool, none left inside a transaction.
    const pool = poolOf(db);
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it("an idle connection's error is logged, not fatal, and the client keeps working", async () => {
    const db = createPrisma(databaseUrl(), 2);
    try {
      await db.$queryRaw`SELECT 1`;
      const written: string[] = [];
      const write = process.stderr.write;
      process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
      try {
        poolOf(db).emit("error", new Error("terminating connection due to administrator command"));
      } finally {
        process.stderr.write = write;
      }
      expect(written.join("")).toContain("idle database connection lost");
      expect(await db.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await db.$disconnect();
    }
  });
});

describe("the process-wide client", () => {
  it("disconnectPrisma closes it (npm start does, before stopping the embedded database) and the next use makes a new one", async () => {
    testDb(); // sets DATABASE_URL
    const first = prisma();
    await first.$queryRaw`SELECT 1`;
    const pool = poolOf(first);
    expect(pool.totalCount).toBeGreaterThan(0);
    await disconnectPrisma();
    expect(pool.totalCount).toBe(0); // every connection closed, none left to break when the database stops
    const second = prisma();
    expect(second).not.toBe(first);
    expect(await second.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    await disconnectPrisma();
    await disconnectPrisma(); // nothing to close: harmless
  });
});
