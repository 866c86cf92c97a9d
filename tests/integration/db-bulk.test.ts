import { beforeEach, describe, expect, it } from "vitest";
import { runInTransaction } from "@/lib/db/bulk";
import { createPrisma, db, disconnectDatabase, poolOf } from "@/lib/db/client";
import { databaseUrl, resetDb, testDb } from "@/tests/helpers/db";

describe("bulk statements on the client's pool", () => {
  beforeEach(resetDb);

  it("run in one transaction: a failing statement rolls back the ones before it, and the pool stays usable", async () => {
    const client = testDb();
    const insert = (key: string) => ({
      text: `INSERT INTO app_state (key, value, updated_at) VALUES ($1, $2, now())`,
      values: [key, "v"],
    });
    await expect(runInTransaction([insert("a"), insert("b"), insert("a")])).rejects.toThrow(/duplicate key/);
    expect(await client.appState.count()).toBe(0);
    await runInTransaction([insert("a"), insert("b")]);
    expect((await client.appState.findMany({ orderBy: { key: "asc" } })).map((r) => r.key)).toEqual(["a", "b"]);
    // Every connection went back to the pool, none left inside a transaction.
    const pool = poolOf(client);
    expect(pool.totalCount - pool.idleCount).toBe(0);
  });

  it("an idle connection's error is logged, not fatal, and the client keeps working", async () => {
    const client = createPrisma(databaseUrl(), 2);
    try {
      await client.$queryRaw`SELECT 1`;
      const written: string[] = [];
      const write = process.stderr.write;
      process.stderr.write = ((chunk: string) => written.push(String(chunk)) > 0) as typeof process.stderr.write;
      try {
        poolOf(client).emit("error", new Error("terminating connection due to administrator command"));
      } finally {
        process.stderr.write = write;
      }
      expect(written.join("")).toContain("idle database connection lost");
      expect(await client.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await client.$disconnect();
    }
  });
});

describe("the process-wide client", () => {
  it("disconnectDatabase closes it (npm start does, before stopping the embedded database) and the next use makes a new one on the same database", async () => {
    testDb(); // connects db() to the test database
    const first = db();
    await first.$queryRaw`SELECT 1`;
    const pool = poolOf(first);
    expect(pool.totalCount).toBeGreaterThan(0);
    await disconnectDatabase();
    expect(pool.totalCount).toBe(0); // every connection closed, none left to break when the database stops
    const second = db();
    expect(second).not.toBe(first);
    expect(await second.$queryRaw<{ one: number }[]>`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    await disconnectDatabase();
    await disconnectDatabase(); // nothing to close: harmless
  });
});
