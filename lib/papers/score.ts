// The trending score, documented on the About page. The same formula ranks the
// feed (SQL), the JSON API and the digest, so all three agree.
//
//   score = (upvotes + localVotes + 1) / (ageDays + 2) ^ 1.5
//
// ageDays counts whole UTC days from the day the paper was featured to the
// reference day (today). Using whole days keeps a score constant for a whole
// day, so pages can be cached until the data changes. Equal scores are broken
// by the source's listing order (sourceRank), then by id.

import { DAY_MS, utcDay } from "@/lib/time";

export const GRAVITY = 1.5;
export const AGE_OFFSET_DAYS = 2;

export type Scorable = { upvotes: number; localVotes: number; featuredOn: Date };

export function ageDays(featuredOn: Date, today: Date): number {
  return Math.max(0, Math.round((utcDay(today).getTime() - utcDay(featuredOn).getTime()) / DAY_MS));
}

export function trendingScore(paper: Scorable, today: Date = new Date()): number {
  const votes = paper.upvotes + paper.localVotes + 1;
  return votes / (ageDays(paper.featuredOn, today) + AGE_OFFSET_DAYS) ** GRAVITY;
}

/**
 * The same formula as SQL over the `papers` table (alias `p`) joined to its
 * rank row for the votes (alias `v`, lib/papers/sql.ts VOTES_JOIN), with the
 * reference day as a bind parameter of type date. Keep in step with
 * trendingScore (tests/integration/score.test.ts checks that they agree).
 */
export const TRENDING_SCORE_SQL = (todayParam: string) => TRENDING_SCORE_OVER(todayParam, "v.votes", "p.featured_on");

/** The same formula over the feed's ranking table (`paper_rank r`): bit-identical, so cursors of either agree. */
export const RANK_TRENDING_SQL = (todayParam: string) => TRENDING_SCORE_OVER(todayParam, "r.votes", "r.featured_on");

const TRENDING_SCORE_OVER = (todayParam: string, votes: string, day: string) =>
  // float8 throughout: with an integer base and a numeric exponent Postgres picks
  // numeric power(), about 15 µs a row, which dominated the feed query.
  `((${votes} + 1)::float8 / power((GREATEST(${todayParam}::date - ${day}, 0) + ${AGE_OFFSET_DAYS})::float8, ${GRAVITY}::float8))`;
