import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type EmbeddedPostgres, startEmbeddedPostgres } from "@/lib/db/embedded";

// Several connections sending parameterised (extended-protocol) queries at once
// to the embedded database: each must get its own answer. Before
// lib/db/pglite-queue.ts, the messages of two queries interleaved on PGlite's
// single session and bound one query's parameters to another's statement.
describe("embedded database under concurrent connections", () => {
  let embedded: EmbeddedPostgres;
  let pool: pg.Pool;
  beforeAll(async () => {
    embedded = await startEmbeddedPostgres({});
    pool = new pg.Pool({ connectionString: embedded.url, max: 8 });
  });
  afterAll(async () => {
    await pool.end();
    await embedded.stop();
  });

  it("answers 400 interleaved queries of different shapes correctly", async () => {
    const jobs = Array.from({ length: 400 }, (_, i) =>
      i % 2 === 0
        ? pool
            .query<{ v: string[] }>("SELECT $1::text[] AS v", [[`slug-${i}`, "x"]])
            .then((r) => expect(r.rows[0]!.v).toEqual([`slug-${i}`, "x"]))
        : pool
            .query<{ v: number }>("SELECT $1::int + $2::int AS v", [i, 1])
            .then((r) => expect(r.rows[0]!.v).toBe(i + 1)),
    );
    const results = await Promise.allSettled(jobs);
    const failures = results
      .filter((r) => r.status === "rejected")
      .map((r) => String((r as PromiseRejectedResult).reason));
    expect(failures).toEqual([]);
  });

  it("keeps a transaction's statements together while other connections query", async () => {
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("CREATE TEMP TABLE t (n int)");
      const others = Array.from({ length: 20 }, (_, i) => pool.query("SELECT $1::int AS v", [i]));
      for (let i = 0; i < 10; i++) await client.query("INSERT INTO t VALUES ($1)", [i]);
      const { rows } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM t");
      await client.query("COMMIT");
      expect(rows[0]!.n).toBe(10);
      expect((await Promise.all(others)).map((r) => r.rows[0].v)).toEqual([...Array(20).keys()]);
    } finally {
      client.release();
    }
  });
});
