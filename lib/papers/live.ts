import { db } from "@/lib/db/client";
import { trendingScore } from "./score";

// Live vote counts over cached lists.
//
// Feed, topic and paper data comes from Next's data cache (lib/papers/cache.ts)
// and a vote no longer empties that cache: clearing every cached view on each
// vote made nearly every page render query Postgres under load. What a vote
// must change at once is the paper's numbers, wherever the voter looks next
// (the page the no-JavaScript form returns to, a reload, the paper page), and
// that must hold with several app instances, whose in-memory caches a
// revalidateTag on one instance never reaches. So pages take the papers they
// show from the cache and read just those papers' counts fresh: one primary-key
// lookup per render (about 50 ids), cheap next to the feed query it replaces.
// The order of a list (trending position) is what may lag: lists are
// re-queried in the background every LIST_REVALIDATE_SECONDS (cache.ts).

export type LiveCount = { upvotes: number; localVotes: number };

type Counted = { id: number; upvotes: number; localVotes: number; featuredOn: string; score: number };

/** Current counts (source upvotes + local votes, and local votes) of these papers. */
export async function liveCounts(ids: number[]): Promise<Map<number, LiveCount>> {
  if (ids.length === 0) return new Map();
  const rows = await db().$queryRawUnsafe<{ id: number; upvotes: number; localVotes: number }[]>(
    `SELECT paper_id AS id, votes AS upvotes, local_votes AS "localVotes" FROM paper_rank WHERE paper_id = ANY($1::int[])`,
    [...new Set(ids)],
  );
  return new Map(rows.map((r) => [r.id, { upvotes: r.upvotes, localVotes: r.localVotes }]));
}

/**
 * The papers with counts and trending score replaced by `counts` (papers
 * missing from it keep theirs). `refDay` is the day the score was computed
 * for, so the score is recomputed the way the SQL did (lib/papers/score.ts).
 */
export function applyCounts<T extends Counted>(papers: T[], counts: Map<number, LiveCount>, refDay: string): T[] {
  const today = new Date(`${refDay}T12:00:00Z`);
  return papers.map((p) => {
    const c = counts.get(p.id);
    if (!c || (c.upvotes === p.upvotes && c.localVotes === p.localVotes)) return p;
    const sourceUpvotes = c.upvotes - c.localVotes;
    const score = trendingScore(
      { upvotes: sourceUpvotes, localVotes: c.localVotes, featuredOn: new Date(`${p.featuredOn}T00:00:00Z`) },
      today,
    );
    // The paper page shows the source's share too; keep the three numbers consistent.
    const source = "sourceUpvotes" in p ? { sourceUpvotes } : {};
    return { ...p, ...source, upvotes: c.upvotes, localVotes: c.localVotes, score };
  });
}

/** applyCounts with counts read now: one query for all the lists given. */
export async function withLiveCounts<L extends Counted[][]>(refDay: string, ...lists: L): Promise<L> {
  const counts = await liveCounts(lists.flat().map((p) => p.id));
  return lists.map((list) => applyCounts(list, counts, refDay)) as L;
}
