import { beforeEach, describe, expect, it } from "vitest";
import { feedPage } from "@/lib/papers/data";
import { setVote } from "@/lib/papers/mutations";
import type { Sort } from "@/lib/papers/schema";
import { TRENDING_SCORE_SQL } from "@/lib/papers/score";
import { resetDb, testDb } from "@/tests/helpers/db";
import { insertPapers, insertTopic } from "@/tests/helpers/papers";

// The feed ranks over paper_rank, a narrow copy of papers' ranking columns kept
// by triggers (migration 20261129010000_paper_rank). These tests check that the
// copy follows every write and that the feed's order is the one the papers
// table itself gives.

const NOW = new Date("2025-03-21T09:00:00Z");
const REF_DAY = "2025-03-21";

type RankRow = { paperId: number; featuredOn: string; votes: number; sourceRank: number; topicIds: number[] };
const rankRows = () =>
  testDb().$queryRawUnsafe<RankRow[]>(
    `SELECT paper_id AS "paperId", featured_on::text AS "featuredOn", votes, source_rank AS "sourceRank", topic_ids AS "topicIds"
       FROM paper_rank ORDER BY paper_id`,
  );
/** What paper_rank must hold: computed from papers and paper_topics. */
const expectedRows = () =>
  testDb().$queryRawUnsafe<RankRow[]>(
    `SELECT p.id AS "paperId", p.featured_on::text AS "featuredOn", p.upvotes + (SELECT count(*)::int FROM votes WHERE paper_id = p.id) AS votes, p.source_rank AS "sourceRank",
            ARRAY(SELECT topic_id FROM paper_topics WHERE paper_id = p.id ORDER BY topic_id) AS "topicIds"
       FROM papers p ORDER BY p.id`,
  );

/** The feed's order computed straight from the papers table: the reference the ranking table must reproduce. */
async function referenceOrder(sort: Sort, from: string, to: string, topicIds: number[]): Promise<number[]> {
  const key = sort === "votes" ? "v.votes::float8" : sort === "newest" ? "p.featured_on" : TRENDING_SCORE_SQL("$1");
  const rows = await testDb().$queryRawUnsafe<{ id: number }[]>(
    // The votes straight from the votes table, not from the ranking table under test.
    `SELECT p.id FROM papers p
       JOIN LATERAL (SELECT p.upvotes + (SELECT count(*)::int FROM votes WHERE paper_id = p.id) AS votes) v ON true
      WHERE $1::date IS NOT NULL AND p.featured_on >= $2::date AND p.featured_on < $3::date
        AND (cardinality($4::int[]) = 0 OR EXISTS (SELECT 1 FROM paper_topics pt WHERE pt.paper_id = p.id AND pt.topic_id = ANY($4::int[])))
      ORDER BY ${key} DESC, p.source_rank ASC, p.id ASC`,
    REF_DAY,
    from,
    to,
    topicIds,
  );
  return rows.map((r) => r.id);
}

async function feedOrder(sort: Sort, topic: string[], limit: number): Promise<number[]> {
  const seen: number[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 200; guard++) {
    const r = await feedPage({ period: "week", date: "2025-03-14", topic, sort, cursor, limit }, NOW);
    if (!r.ok) throw new Error(r.reason);
    seen.push(...r.papers.map((p) => p.id));
    if (!r.nextCursor) return seen;
    cursor = r.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("paper_rank follows papers, votes and topic links", () => {
  beforeEach(resetDb);

  it("is filled on insert and follows upvote, local vote, day and rank changes, topic links and deletes", async () => {
    const ids = await insertPapers([
      { title: "One", featuredOn: "2025-03-14", upvotes: 3, sourceRank: 2 },
      { title: "Two", featuredOn: "2025-03-13", upvotes: 0, sourceRank: 1 },
      { title: "Three", featuredOn: "2025-03-12", upvotes: 9 },
    ]);
    expect(await rankRows()).toEqual(await expectedRows());
    await setVote(ids[0]!, "voter-a");
    await setVote(ids[1]!, "voter-a");
    await setVote(ids[1]!, "voter-b");
    await setVote(ids[1]!, "voter-b"); // toggles back off
    await testDb().paper.update({
      where: { id: ids[2]! },
      data: { upvotes: 12, sourceRank: 4, featuredOn: new Date("2025-03-10T00:00:00Z") },
    });
    const topic = await insertTopic("moe", [ids[0]!, ids[2]!]);
    await insertTopic("rag", [ids[2]!]);
    expect(await rankRows()).toEqual(await expectedRows());
    expect((await rankRows()).find((r) => r.paperId === ids[0])).toMatchObject({ votes: 4, topicIds: [topic] });

    await testDb().paperTopic.deleteMany({ where: { topicId: topic } });
    await testDb().paper.delete({ where: { id: ids[1]! } });
    expect(await rankRows()).toEqual(await expectedRows());
    expect(await rankRows()).toHaveLength(2);
  });
});

describe("the feed over paper_rank orders as the papers table does", () => {
  let topicA: number;
  beforeEach(async () => {
    await resetDb();
    // Many ties on purpose: equal votes, equal days, equal listing ranks.
    const ids = await insertPapers(
      Array.from({ length: 60 }, (_, i) => ({
        title: `Paper ${i}`,
        featuredOn: `2025-03-${String(10 + (i % 7)).padStart(2, "0")}`,
        upvotes: (i * 7) % 5,
        sourceRank: i % 4,
      })),
    );
    topicA = await insertTopic(
      "a",
      ids.filter((_, i) => i % 3 === 0),
    );
    await insertTopic(
      "b",
      ids.filter((_, i) => i % 2 === 0),
    );
    for (const id of ids.slice(0, 6)) await setVote(id, "voter-a");
  });

  for (const sort of ["trending", "votes", "newest"] as const) {
    it(`${sort}: every page, with and without a topic`, async () => {
      const all = await referenceOrder(sort, "2025-03-10", "2025-03-17", []);
      expect(all).toHaveLength(60);
      expect(await feedOrder(sort, [], 7)).toEqual(all);
      expect(await feedOrder(sort, ["a"], 5)).toEqual(await referenceOrder(sort, "2025-03-10", "2025-03-17", [topicA]));
    });
  }
});
