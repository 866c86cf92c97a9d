import { db } from "@/lib/db/client";
import { addDays, todayUtc } from "@/lib/time";
import { listTopics, topicsOfPaper, topicTrends } from "@/lib/topics/data";
import type { TopicTrend } from "@/lib/topics/trend";
import { periodLabel, periodRange } from "./period";
import { type Cursor, decodeCursor, encodeCursor, type Sort } from "./schema";
import { RANK_TRENDING_SQL, TRENDING_SCORE_SQL } from "./score";
import { afterKeySql, keysetPage, PAPER_COLUMNS, type PaperRow, SqlParams, VOTES_JOIN } from "./sql";
import type { FeedQuery, FeedResult, FeedWindow, PaperDetail, PaperListItem, TopicChip, TopicSummary } from "./types";
import { arxivIdInQuery, type PaperRefFields, paperPath, parsePaperRef } from "./url";

// Reads for the browse pages, the JSON API and the feeds. Raw SQL because the
// feed orders by a computed score with keyset pagination, which Prisma's query
// builder cannot express. The row types (./types.ts) are plain JSON so results
// can go through Next's data cache unchanged.

/** The sort key over paper_rank (alias r); every sort is "key DESC, source_rank ASC, paper id ASC". */
function sortKey(sort: Sort, refDayParam: string): string {
  if (sort === "votes") return "r.votes::float8";
  if (sort === "newest") return "r.featured_on";
  return RANK_TRENDING_SQL(refDayParam);
}

/** The latest day that has papers, or null when there are none. */
export async function latestFeaturedDay(): Promise<string | null> {
  const rows = await db().$queryRawUnsafe<{ day: string | null }[]>(
    `SELECT to_char(max(featured_on), 'YYYY-MM-DD') AS day FROM papers`,
  );
  return rows[0]?.day ?? null;
}

/** Topic ids for slugs; reports the first unknown slug. */
export async function resolveTopics(
  slugs: string[],
): Promise<{ ok: true; ids: number[] } | { ok: false; slug: string }> {
  if (slugs.length === 0) return { ok: true, ids: [] };
  const rows = await db().$queryRawUnsafe<{ id: number; slug: string }[]>(
    `SELECT id, slug FROM topics WHERE slug = ANY($1::text[])`,
    slugs,
  );
  const missing = slugs.find((s) => !rows.some((r) => r.slug === s));
  return missing ? { ok: false, slug: missing } : { ok: true, ids: rows.map((r) => r.id) };
}

async function neighbourDays(from: string, to: string): Promise<{ prev: string | null; next: string | null }> {
  // Two index-only lookups on featured_on: navigation skips empty stretches.
  const rows = await db().$queryRawUnsafe<{ prev: string | null; next: string | null }[]>(
    `SELECT (SELECT to_char(max(featured_on), 'YYYY-MM-DD') FROM papers WHERE featured_on < $1::date) AS prev,
            (SELECT to_char(min(featured_on), 'YYYY-MM-DD') FROM papers WHERE featured_on >= $2::date) AS next`,
    from,
    to,
  );
  return { prev: rows[0]?.prev ?? null, next: rows[0]?.next ?? null };
}

/**
 * A row's topic chips as a JSON array, by name, from inside a statement over `papers p`: a list
 * statement carries them instead of a second round trip after it.
 */
const TOPIC_CHIPS_SQL = `(SELECT coalesce(json_agg(json_build_object('slug', t.slug, 'name', t.name) ORDER BY t.name), '[]'::json)
     FROM paper_topics pt JOIN topics t ON t.id = pt.topic_id WHERE pt.paper_id = p.id)`;

/** Attaches topic chips to rows, in one query. */
export async function withTopics<T extends { id: number }>(rows: T[]): Promise<(T & { topics: TopicChip[] })[]> {
  if (rows.length === 0) return [];
  const links = await db().$queryRawUnsafe<{ paperId: number; slug: string; name: string }[]>(
    `SELECT pt.paper_id AS "paperId", t.slug, t.name FROM paper_topics pt JOIN topics t ON t.id = pt.topic_id
      WHERE pt.paper_id = ANY($1::int[]) ORDER BY t.name`,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    ...r,
    topics: links.filter((l) => l.paperId === r.id).map(({ slug, name }) => ({ slug, name })),
  }));
}

export type RangeQuery = {
  from: string;
  to: string;
  topicIds: number[];
  sort: Sort;
  refDay: string;
  after?: Cursor;
  limit: number;
};

/**
 * One keyset page of papers featured in [from, to). The ranking reads only
 * paper_rank's covering index (day, votes, listing rank, id, topic ids, local
 * votes: an index-only scan of the period's entries, which also gives the
 * page's vote counts); the wide papers rows are read for the page's rows alone.
 */
export async function queryRange(q: RangeQuery): Promise<{ papers: PaperListItem[]; nextCursor: string | null }> {
  const { text, values } = rangeSql(q);
  const rows = await db().$queryRawUnsafe<(PaperListItem & { key: number | string })[]>(text, ...values);
  const { page, nextCursor } = keysetPage(rows, q.limit, (last) =>
    encodeCursor({ s: q.sort, d: q.refDay, k: last.key, r: last.sourceRank, i: last.id }),
  );
  return { papers: page.map(({ key: _key, ...rest }) => rest), nextCursor };
}

/** The statement of queryRange (exported for the browse benchmark's EXPLAIN). */
export function rangeSql(q: RangeQuery): { text: string; values: unknown[] } {
  const params = new SqlParams(q.refDay, q.from, q.to);
  const key = sortKey(q.sort, "$1");
  const where = ["r.featured_on >= $2::date", "r.featured_on < $3::date"];
  if (q.topicIds.length) where.push(`r.topic_ids && ${params.add(q.topicIds, "int[]")}`);
  if (q.after) {
    const k = params.add(q.after.k, q.sort === "newest" ? "date" : "float8");
    const ties = `(${params.add(q.after.r, "int")}, ${params.add(q.after.i, "int")})`;
    where.push(afterKeySql(key, k, "(r.source_rank, r.paper_id)", ties));
  }
  const limit = params.add(q.limit + 1);
  // The ranked rows carry the vote counts under VOTES_JOIN's alias, so PAPER_COLUMNS reads them from there.
  const text = `WITH ranked AS (
       SELECT r.paper_id, r.source_rank, r.votes, r.local_votes, ${key} AS sort_key FROM paper_rank r
        WHERE ${where.join(" AND ")}
        ORDER BY ${key} DESC, r.source_rank ASC, r.paper_id ASC
        LIMIT ${limit})
     SELECT ${PAPER_COLUMNS}, ${TRENDING_SCORE_SQL("$1")} AS score, ${TOPIC_CHIPS_SQL} AS topics,
            ${q.sort === "newest" ? "to_char(v.sort_key, 'YYYY-MM-DD')" : "v.sort_key"} AS key
       FROM ranked v JOIN papers p ON p.id = v.paper_id
      ORDER BY v.sort_key DESC, v.source_rank ASC, v.paper_id ASC`;
  return { text, values: params.values };
}

/** A feed view: period around `date` (default: the latest day with papers), filtered and sorted, one page. */
export async function feedPage(query: FeedQuery, now = new Date()): Promise<FeedResult> {
  const topics = await resolveTopics(query.topic);
  if (!topics.ok) return { ok: false, reason: "unknownTopic", slug: topics.slug };
  let after: Cursor | undefined;
  if (query.cursor) {
    const decoded = decodeCursor(query.cursor);
    if (!decoded || decoded.s !== query.sort || (query.sort === "newest") !== (typeof decoded.k === "string")) {
      return { ok: false, reason: "badCursor" };
    }
    after = decoded;
  }
  const period = query.period ?? "day";
  const date = query.date ?? (await latestFeaturedDay()) ?? todayUtc(now);
  const { from, to } = periodRange(period, date);
  const refDay = after?.d ?? todayUtc(now);
  const [{ papers, nextCursor }, nav] = await Promise.all([
    queryRange({ from, to, topicIds: topics.ids, sort: query.sort, refDay, after, limit: query.limit }),
    neighbourDays(from, to),
  ]);
  const view: FeedWindow = {
    period,
    date,
    from,
    to,
    label: periodLabel(period, date),
    prevDate: nav.prev,
    nextDate: nav.next,
  };
  return { ok: true, view, papers, nextCursor, refDay };
}

export async function paperById(id: number, now = new Date()): Promise<PaperDetail | null> {
  const rows = await db().$queryRawUnsafe<(PaperRow & { sourceUpvotes: number })[]>(
    `SELECT ${PAPER_COLUMNS}, p.upvotes AS "sourceUpvotes", ${TRENDING_SCORE_SQL("$2")} AS score
       FROM papers p ${VOTES_JOIN} WHERE p.id = $1`,
    id,
    todayUtc(now),
  );
  const row = rows[0];
  if (!row) return null;
  return { ...row, topics: await topicsOfPaper(id) };
}

/** The fields a paper's canonical URL is built from (lib/papers/url.ts), found by arXiv id or row id. */
export async function findPaperRef(ref: { arxivId: string } | { id: number }): Promise<PaperRefFields | null> {
  return db().paper.findUnique({
    where: "arxivId" in ref ? { arxivId: ref.arxivId } : { id: ref.id },
    select: { id: true, arxivId: true, title: true },
  });
}

export type PaperLookup =
  | { ok: true; id: number }
  | { ok: false; reason: "notFound" }
  | { ok: false; reason: "moved"; path: string };

/**
 * Which paper a `/papers/<segment>` URL shows: its row id when the segment is the
 * paper's canonical one, where it moved to when the segment is another name for
 * it (row id, versioned arXiv id, outdated slug), or notFound.
 */
export async function lookupPaper(segment: string): Promise<PaperLookup> {
  const ref = parsePaperRef(segment);
  if (!ref) return { ok: false, reason: "notFound" };
  const paper = await findPaperRef(ref.kind === "arxiv" ? { arxivId: ref.arxivId } : { id: ref.id });
  if (!paper) return { ok: false, reason: "notFound" };
  const path = paperPath(paper);
  return path === `/papers/${segment}` ? { ok: true, id: paper.id } : { ok: false, reason: "moved", path };
}

/**
 * The paper an arXiv id or paper link typed into search names (lib/papers/url.ts,
 * arxivIdInQuery): its canonical path, or null when it is not here; null
 * altogether when the query names no paper.
 */
export async function paperNamedBy(q: string): Promise<{ arxivId: string; path: string | null } | null> {
  const arxivId = arxivIdInQuery(q);
  if (!arxivId) return null;
  const paper = await findPaperRef({ arxivId });
  return { arxivId, path: paper ? paperPath(paper) : null };
}

/** One paper as a list item (with topic chips), by arXiv id; null when it is not here. */
export async function paperItemByArxivId(arxivId: string, now = new Date()): Promise<PaperListItem | null> {
  const rows = await db().$queryRawUnsafe<PaperRow[]>(
    `SELECT ${PAPER_COLUMNS}, ${TRENDING_SCORE_SQL("$2")} AS score FROM papers p ${VOTES_JOIN} WHERE p.arxiv_id = $1`,
    arxivId,
    todayUtc(now),
  );
  return (await withTopics(rows))[0] ?? null;
}

export type ListingEntry = PaperRefFields & { sourceRank: number };

/** The papers a copied source listing brought in for `day` (the seed day), in listing order. */
export async function sourceListing(day: string): Promise<ListingEntry[]> {
  return db().$queryRawUnsafe<ListingEntry[]>(
    `SELECT id, arxiv_id AS "arxivId", title, source_rank AS "sourceRank" FROM papers
      WHERE featured_on = $1::date AND source = 'seed' ORDER BY source_rank, id LIMIT 1000`,
    day,
  );
}

/**
 * The related papers stored for this paper (lib/papers/related.ts computes
 * them after ingest and when the taxonomy changes): one primary-key range of
 * paper_related and the papers it names.
 */
export async function relatedPapers(id: number, now = new Date()): Promise<PaperListItem[]> {
  const rows = await db().$queryRawUnsafe<PaperRow[]>(
    `SELECT ${PAPER_COLUMNS}, ${TRENDING_SCORE_SQL("$2")} AS score
       FROM paper_related r JOIN papers p ON p.id = r.related_id ${VOTES_JOIN}
      WHERE r.paper_id = $1
      ORDER BY r.position`,
    id,
    todayUtc(now),
  );
  return withTopics(rows);
}

/** Every topic with its paper count, in taxonomy order (lib/topics). */
export async function topicsWithCounts(): Promise<TopicSummary[]> {
  const topics = await listTopics();
  return topics.map(({ paperCount, ...t }) => ({ ...t, count: paperCount }));
}

/**
 * Every topic's papers per week over the last 26 weeks that have papers (the
 * window ends with the week of the latest featured day, like the topic page's list).
 */
export async function topicTrendsBySlug(now = new Date()): Promise<Record<string, TopicTrend>> {
  const latest = (await latestFeaturedDay()) ?? todayUtc(now);
  return Object.fromEntries(await topicTrends(latest));
}

export const TOPIC_PAGE_DAYS = 30;
/** Papers a topic page lists. */
export const TOPIC_PAGE_SIZE = 30;

/** A topic with its paper count and its trending papers of the last TOPIC_PAGE_DAYS days that have papers. */
export async function topicPage(slug: string, limit = TOPIC_PAGE_SIZE, now = new Date()) {
  const rows = await db().$queryRawUnsafe<TopicSummary[]>(
    `SELECT t.slug, t.name, t.description, (SELECT count(*)::int FROM paper_topics pt WHERE pt.topic_id = t.id) AS count
       FROM topics t WHERE t.slug = $1`,
    slug,
  );
  const topic = rows[0];
  if (!topic) return null;
  const ids = await resolveTopics([slug]);
  const latest = (await latestFeaturedDay()) ?? todayUtc(now);
  const from = addDays(latest, -(TOPIC_PAGE_DAYS - 1));
  const { papers } = await queryRange({
    from,
    to: addDays(latest, 1),
    topicIds: ids.ok ? ids.ids : [],
    sort: "trending",
    refDay: todayUtc(now),
    limit,
  });
  return { topic, papers, from, to: latest };
}

/** Which of these papers this voter has voted for. */
export async function votedPaperIds(voterHash: string, paperIds: number[]): Promise<number[]> {
  if (paperIds.length === 0) return [];
  const rows = await db().$queryRawUnsafe<{ paperId: number }[]>(
    `SELECT paper_id AS "paperId" FROM votes WHERE voter_hash = $1 AND paper_id = ANY($2::int[])`,
    voterHash,
    paperIds,
  );
  return rows.map((r) => r.paperId);
}

/** A paper's title, or null when there is no such paper. */
export async function paperTitle(id: number): Promise<string | null> {
  const row = await db().paper.findUnique({ where: { id }, select: { title: true } });
  return row?.title ?? null;
}
