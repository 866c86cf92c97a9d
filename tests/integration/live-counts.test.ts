import { beforeEach, describe, expect, it } from "vitest";
import { createPrisma } from "@/lib/db/client";
import { feedPage, paperById, relatedPapers } from "@/lib/papers/data";
import { applyCounts, liveCounts, withLiveCounts } from "@/lib/papers/live";
import { setVote } from "@/lib/papers/mutations";
import { databaseUrl, resetDb } from "@/tests/helpers/db";
import { insertPapers } from "@/tests/helpers/papers";

// Pages show cached lists (lib/papers/cache.ts) with live counts overlaid
// (lib/papers/live.ts): a vote must show in a list fetched before it.

const NOW = new Date("2025-03-16T09:00:00Z");
const TODAY = "2025-03-16";

describe("live vote counts over a cached list", () => {
  let ids: number[];
  beforeEach(async () => {
    await resetDb();
    ids = await insertPapers([
      { title: "Alpha", featuredOn: "2025-03-14", upvotes: 10, sourceRank: 1 },
      { title: "Beta", featuredOn: "2025-03-14", upvotes: 5, sourceRank: 2 },
      { title: "Gamma", featuredOn: "2025-03-14", upvotes: 1, sourceRank: 3 },
    ]);
  });

  it("a vote after the list was fetched shows in its count and score; other papers are untouched", async () => {
    const cached = await feedPage({ period: "day", date: "2025-03-14", topic: [], sort: "trending", limit: 50 }, NOW);
    if (!cached.ok) throw new Error("feed");
    const beta = ids[1]!;
    await setVote(beta, "voter-a");
    await setVote(beta, "voter-b");

    const [live] = await withLiveCounts(cached.refDay, cached.papers);
    const fresh = await feedPage({ period: "day", date: "2025-03-14", topic: [], sort: "trending", limit: 50 }, NOW);
    if (!fresh.ok) throw new Error("feed");
    const liveBeta = live.find((p) => p.id === beta)!;
    const freshBeta = fresh.papers.find((p) => p.id === beta)!;
    expect(liveBeta).toMatchObject({ upvotes: 7, localVotes: 2 });
    expect(liveBeta.score).toBeCloseTo(freshBeta.score, 12);
    // The cached order is kept (it catches up when the list is re-queried); unchanged papers are the same objects.
    expect(live.map((p) => p.id)).toEqual(cached.papers.map((p) => p.id));
    for (const p of live) if (p.id !== beta) expect(cached.papers).toContain(p);
  });

  it("the paper page's numbers stay consistent (total = source + here) and related papers are live too", async () => {
    const alpha = ids[0]!;
    const gamma = ids[2]!;
    const paper = (await paperById(alpha, NOW))!;
    const related = await relatedPapers(alpha, NOW);
    await setVote(alpha, "voter-a");
    const [[livePaper], liveRelated] = await withLiveCounts(
      TODAY,
      [paper],
      [...related, { ...paper, id: gamma, upvotes: 1, localVotes: 0 }],
    );
    expect(livePaper).toMatchObject({ upvotes: 11, sourceUpvotes: 10, localVotes: 1 });
    expect(livePaper!.score).toBeCloseTo((await paperById(alpha, NOW))!.score, 12);
    expect(liveRelated.find((p) => p.id === gamma)).toMatchObject({ upvotes: 1, localVotes: 0 });

    // An unvote goes back down the same way.
    await setVote(alpha, "voter-a");
    const [[again]] = await withLiveCounts(TODAY, [livePaper!]);
    expect(again).toMatchObject({ upvotes: 10, sourceUpvotes: 10, localVotes: 0 });
  });

  it("reads only the ids asked for, and a paper deleted meanwhile keeps its cached numbers", async () => {
    const counts = await liveCounts([ids[0]!, ids[0]!, 999_999]);
    expect([...counts.keys()]).toEqual([ids[0]]);
    expect(await liveCounts([])).toEqual(new Map());
    const stale = { id: 999_999, upvotes: 3, localVotes: 1, featuredOn: "2025-03-14", score: 0.5 };
    expect(applyCounts([stale], counts, TODAY)).toEqual([stale]);
  });
});

describe("writes under a busy connection pool", () => {
  it("a transaction waits for a pooled connection longer than Prisma's 2 s default instead of failing", async () => {
    // One connection, held for 3 s by a slow query: the transaction must queue behind it.
    const db = createPrisma(databaseUrl(), 1);
    try {
      // Prisma queries are lazy: .then() sends it now.
      const slow = db.$executeRawUnsafe(`SELECT pg_sleep(3)`).then(() => "slept");
      await new Promise((r) => setTimeout(r, 100));
      const tx = db.$transaction(async (t) => t.$queryRawUnsafe<{ one: number }[]>(`SELECT 1 AS one`));
      await expect(tx).resolves.toEqual([{ one: 1 }]);
      expect(await slow).toBe("slept");
    } finally {
      await db.$disconnect();
    }
  });
});
