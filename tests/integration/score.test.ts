import { beforeEach, describe, expect, it } from "vitest";
import { upsertPapers } from "@/lib/ingest/upsert";
import { setVote } from "@/lib/papers/mutations";
import { TRENDING_SCORE_SQL, trendingScore } from "@/lib/papers/score";
import { VOTES_JOIN } from "@/lib/papers/sql";
import { resetDb, testDb } from "@/tests/helpers/db";

describe("trending score in SQL", () => {
  beforeEach(resetDb);

  it("agrees with the TypeScript formula", async () => {
    const base = {
      arxivId: null,
      summary: "",
      authors: [],
      repoUrl: null,
      repoStars: null,
      projectUrl: null,
      publishedAt: null,
      source: "test",
      keywords: [],
    };
    await upsertPapers([
      { ...base, title: "A", featuredOn: "2025-03-14", sourceRank: 0, upvotes: 0 },
      { ...base, title: "B", featuredOn: "2025-03-10", sourceRank: 1, upvotes: 40 },
      { ...base, title: "C", featuredOn: "2025-02-01", sourceRank: 2, upvotes: 250 },
    ]);
    const a = await testDb().paper.findFirstOrThrow({ where: { title: "A" } });
    for (const voter of ["a", "b", "c"]) await setVote(a.id, voter);
    const today = "2025-03-16";
    const rows = await testDb().$queryRawUnsafe<{ id: number; score: number }[]>(
      `SELECT p.id, ${TRENDING_SCORE_SQL("$1")} AS score FROM papers p ${VOTES_JOIN} ORDER BY p.id`,
      today,
    );
    const papers = await testDb().paper.findMany({ orderBy: { id: "asc" }, include: { rank: true } });
    for (const [i, p] of papers.entries()) {
      const scorable = { ...p, localVotes: p.rank!.localVotes };
      expect(rows[i]!.score).toBeCloseTo(trendingScore(scorable, new Date(`${today}T12:00:00Z`)), 12);
    }
  });
});
