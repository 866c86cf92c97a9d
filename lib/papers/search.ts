import { db } from "@/lib/db/client";
import { addDays, todayUtc } from "@/lib/time";
import { resolveTopics, withTopics } from "./data";
import { periodRange } from "./period";
import { TERM_STATS_KEY } from "./related";
import { type Cursor, decodeCursor, encodeCursor, normalizeQuery } from "./schema";
import { TRENDING_SCORE_SQL } from "./score";
import {
  afterKeySql,
  featuredInSql,
  hasTopicSql,
  keysetPage,
  PAPER_COLUMNS,
  type PaperRow,
  SqlParams,
  VOTES_JOIN,
} from "./sql";
import { anyWordTsquery, lexemes, matchBound, parseTsquery, type TsNode } from "./tsquery";
import type { SearchHit, SearchQuery, SnippetPart } from "./types";

// Full-text search over the generated papers.search_vector (title A, abstract
// B, authors C; GIN-indexed). websearch_to_tsquery gives users web-search
// syntax ("quoted phrases", -exclude, or) and never raises on junk input.
//
// Bounded cost: ranking reads every candidate's vector (ts_rank_cd, ~10 µs a
// paper), so a search never ranks more than a few thousand papers, whatever
// the table's size.
//   - A query that matches at most EXACT_MAX papers (bounded from the
//     per-term document counts in search_terms, lib/papers/related.ts) ranks
//     all of them: the GIN index finds them.
//   - A broader query ranks the matches among the newest papers only: a
//     recency window [from, to) of featured days, sized from the query's
//     estimated share of papers to hold about CANDIDATES matches and widened
//     while it holds fewer than MIN_CANDIDATES (TOPIC_MIN_CANDIDATES with a
//     topic filter). The window travels in the cursor, so later pages rank
//     the same candidates; the result names it.
//   - A window of the whole archive also ranks the matches among the
//     POPULAR_CANDIDATES most-voted papers of all time (read from the top of an
//     index on paper_rank), so the well-known paper for a query is not left
//     out because it is old.
//   - Relevance is the text rank times a log-damped popularity factor, so
//     among papers that match equally the one people read comes first.
//   - A query whose words together match nothing is searched again with any
//     of its words (the result says so).

/** How much the table may have grown since search_terms was counted (it is recounted past a tenth). */
const TERM_COUNT_GROWTH = 1.1;
/** Queries bounded to at most this many matching papers are ranked over all of them. */
export const EXACT_MAX = 1000;
/**
 * With a topic filter, the GIN index finds the matches without reading their vectors and only the
 * topic's share of them is ranked, which beats reading a window's scattered vectors up to this many
 * matches (at 100,000 papers: "quantization -survey", 2,594 matches, 27 ms this way, 128 ms windowed).
 */
const TOPIC_EXACT_MAX = 5000;
/** Matches a recency window aims to hold, and the fewest it settles for before widening. */
const CANDIDATES = 500;
export const MIN_CANDIDATES = 100;
/**
 * With a topic filter the window's papers are scattered over the table (each a random heap and
 * TOAST read, ~13 µs against ~3 µs in a run of days, measured at 100,000 papers), so it aims lower.
 */
const TOPIC_CANDIDATES = 200;
/**
 * With a topic filter, the fewest matches a window settles for: the reader has narrowed the papers
 * already, and a wider window reads the topic's scattered papers again (at 1,000,000 papers a
 * second pass took a topic search from about 30 to 60-75 ms, mostly for windows of 50-100 matches).
 */
const TOPIC_MIN_CANDIDATES = 50;
/**
 * The most papers a recency window spans: about 30 ms of reads at 1.5 µs a paper in a run of days
 * (measured at 1,000,000 papers, the vectors kept in their rows).
 */
const MAX_WINDOW = 20_000;
/**
 * The most papers of the topics a window spans with a topic filter. They are scattered over the
 * table (a primary-key read each, ~6 µs), and finding the window's first day filters the rank
 * index's entries by topic: at 1,000,000 papers 5,000 of them made a topic search 55-75 ms.
 */
const MAX_TOPIC_WINDOW = 2_000;
const WIDEN = 4;
/** Candidates ranked per statement at most: the newest, when a window (or a forged cursor) holds more. */
const CANDIDATE_CAP = 2 * CANDIDATES;
/** The most-voted papers whose matches a window of the whole archive ranks too (~1 ms of lookups). */
export const POPULAR_CANDIDATES = 300;
/** Popularity's weight: a paper with 100 votes ranks 1 + 0.2·ln(101) = 1.9 times one with none. */
const POPULARITY_WEIGHT = 0.2;
/**
 * How many matches the GIN index puts in a bitmap in the time it takes to read one window row by
 * day and test its vector: at 1,000,000 papers 1.5 µs a row (12,600 rows in 19 ms, the vector kept
 * in the row) against 0.8-1.4 µs a match (161,067 for "agent benchmark" in 131-220 ms). The
 * bitmap holds every match in the table, so for a broad query it costs far more than the window
 * it is cut down to.
 */
const BITMAP_MATCHES_PER_ROW = 1.5;

/** Whether a window of this many papers is cheaper to read row by row than the GIN bitmap of about `matches` papers. */
export const scanWindow = (windowPapers: number, matches: number) => windowPapers * BITMAP_MATCHES_PER_ROW < matches;

/**
 * Highlight sentinels for ts_headline: private-use characters that do not occur
 * in paper text. The snippet is split on them and rendered as React <mark>
 * elements, so no HTML from the database is ever injected.
 */
export const MARK_START = "\uE000";
export const MARK_END = "\uE001";

/** Splits a ts_headline result into plain and highlighted parts. */
export function snippetParts(headline: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let rest = headline;
  while (rest.length) {
    const start = rest.indexOf(MARK_START);
    if (start === -1) {
      parts.push({ text: rest.replaceAll(MARK_END, ""), mark: false });
      break;
    }
    if (start > 0) parts.push({ text: rest.slice(0, start).replaceAll(MARK_END, ""), mark: false });
    const end = rest.indexOf(MARK_END, start + 1);
    const stop = end === -1 ? rest.length : end;
    const text = rest.slice(start + 1, stop).replaceAll(MARK_START, "");
    if (text) parts.push({ text, mark: true });
    rest = end === -1 ? "" : rest.slice(end + 1);
  }
  return parts.filter((p) => p.text.length > 0);
}

export type SearchResult =
  | { ok: true; status: "noTerms"; hits: []; nextCursor: null }
  | {
      ok: true;
      status: "results";
      hits: SearchHit[];
      nextCursor: string | null;
      /**
       * The featured days searched, half-open [from, to): the period asked for, or the recency window
       * when the query matches too many papers to rank them all (`recent`); null for all time.
       */
      range: { from: string; to: string } | null;
      /** True when only the newest papers were ranked: older papers in the period match too. */
      recent: boolean;
      /** "any": no paper has all of the query's words, so these have any of them. */
      matched: "all" | "any";
    }
  | { ok: false; reason: "unknownTopic"; slug: string }
  | { ok: false; reason: "badCursor" };

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

type Range = { from: string; to: string };
type HitRow = PaperRow & { rank: number; titleHl: string; snippet: string };

/** One search statement's inputs: the tsquery text, the filters and (for a recency window) the candidate cap. */
export type RankInput = {
  tsquery: string;
  range: Range | null;
  topicIds: number[];
  windowed: boolean;
  /**
   * For a window: read the window's rows and test each one's vector instead of asking the GIN index
   * (see scanWindow). The same candidates either way; only the cost differs.
   */
  scan?: boolean;
  /** Also rank the matches among the most-voted papers of all time (a window of the whole archive). */
  popular?: boolean;
  refDay: string;
  after?: Cursor;
  limit: number;
};

/** The statement of rankPage (exported for the benchmark's EXPLAIN). */
export function rankSql(input: RankInput): { text: string; values: unknown[] } {
  const params = new SqlParams(input.tsquery, input.refDay);
  const query = "$1::tsquery";
  // `votes` is the paper's vote count as each branch reads it from the paper's rank row.
  const rank = (votes: string) => `(ts_rank_cd(p.search_vector, ${query})::float8
                 * (1 + ${POPULARITY_WEIGHT} * ln(1 + greatest(${votes}, 0))))::float8`;
  let candidates: string;
  if (input.topicIds.length && input.windowed && input.range) {
    // The window's papers of the topics come from the narrow rank table's index, then each one's row
    // by primary key (a lateral subquery, so the planner cannot turn it into a scan of every paper's
    // vector), newest first: only their vectors are read.
    const range = `r.featured_on >= ${params.add(input.range.from)}::date AND r.featured_on < ${params.add(input.range.to)}::date`;
    candidates = `SELECT m.id, m.rank
         FROM paper_rank r,
              LATERAL (SELECT p.id, ${rank("r.votes")} AS rank FROM papers p
                        WHERE p.id = r.paper_id AND p.search_vector @@ ${query} OFFSET 0) m
        WHERE ${range} AND r.topic_ids && ${params.add(input.topicIds)}::int[]
        ORDER BY r.featured_on DESC, r.paper_id DESC LIMIT ${CANDIDATE_CAP}`;
  } else {
    const where = [`p.search_vector @@ ${query}`];
    let source = "papers p";
    const range = input.range ? featuredInSql(params.add(input.range.from), params.add(input.range.to)) : null;
    if (range && input.windowed && input.scan) {
      // OFFSET 0 keeps the match test out of the subquery, so the planner cannot answer it from the
      // GIN index: it reads the window's rows by day and tests each one's vector.
      source = `(SELECT p.id, p.featured_on, p.search_vector FROM papers p WHERE ${range} OFFSET 0) p`;
    } else if (range) where.push(range);
    if (input.topicIds.length) where.push(hasTopicSql(params.add(input.topicIds)));
    // A window keeps its newest candidates (a deterministic set, so every page ranks the same ones).
    // All matches of a query bounded to TOPIC_EXACT_MAX are at most that many: the cap without an
    // order only stops a forged cursor (or a stale term count) from ranking more.
    const cap = input.windowed
      ? `ORDER BY p.featured_on DESC, p.id DESC LIMIT ${CANDIDATE_CAP}`
      : `LIMIT ${TOPIC_EXACT_MAX}`;
    // The vote count as a primary-key probe per match, not a join the planner could turn into a scan.
    const votes = "(SELECT v.votes FROM paper_rank v WHERE v.paper_id = p.id)";
    candidates = `SELECT p.id, ${rank(votes)} AS rank FROM ${source} WHERE ${where.join(" AND ")} ${cap}`;
    if (input.popular && input.windowed)
      candidates = `(${candidates})
        UNION
        SELECT m.id, m.rank
          FROM (SELECT paper_id, votes FROM paper_rank ORDER BY votes DESC, paper_id LIMIT ${POPULAR_CANDIDATES}) top,
               LATERAL (SELECT p.id, ${rank("top.votes")} AS rank FROM papers p
                         WHERE p.id = top.paper_id AND p.search_vector @@ ${query} OFFSET 0) m`;
  }
  const after = input.after
    ? `WHERE ${afterKeySql("rank", params.add(input.after.k, "float8"), "id", params.add(input.after.i, "int"))}`
    : "";
  const limit = params.add(input.limit + 1);
  const text = `WITH cand AS (${candidates}),
     hits AS (SELECT id, rank FROM cand ${after} ORDER BY rank DESC, id ASC LIMIT ${limit})
     SELECT c.candidates, ${PAPER_COLUMNS}, ${TRENDING_SCORE_SQL("$2")} AS score, hits.rank,
            ts_headline('english', p.title, ${query}, 'StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true') AS "titleHl",
            ts_headline('english', p.summary, ${query}, '${HEADLINE_OPTIONS}') AS snippet
       FROM (SELECT count(*)::int AS candidates FROM cand) c
       LEFT JOIN (hits JOIN papers p ON p.id = hits.id ${VOTES_JOIN}) ON true
      ORDER BY hits.rank DESC, hits.id ASC`;
  return { text, values: params.values };
}

/**
 * Ranks the candidates (the matches in the range, or the newest CANDIDATE_CAP of them in a window)
 * and returns the page after the cursor, with headlines for its rows only, and how many candidates
 * there were.
 */
async function rankPage(input: RankInput): Promise<{ rows: HitRow[]; candidates: number }> {
  const { text, values } = rankSql(input);
  const rows = await db().$queryRawUnsafe<(HitRow & { candidates: number })[]>(text, ...values);
  return { rows: rows.filter((r) => r.id !== null), candidates: rows[0]?.candidates ?? 0 };
}

/**
 * The recency window of about `size` papers (of the topics, if any) ending before `to` and not
 * before `floor`: from the featured day of the paper after the newest `size`; null when the range
 * holds no older paper (the window would be the whole range). Reads the narrow rank table's index.
 */
async function windowStart(size: number, to: string, floor: string | null, topicIds: number[]): Promise<string | null> {
  const params = new SqlParams(to, size);
  const inRange =
    (floor ? ` AND featured_on >= ${params.add(floor)}::date` : "") +
    (topicIds.length ? ` AND topic_ids && ${params.add(topicIds)}::int[]` : "");
  const rows = await db().$queryRawUnsafe<{ day: string; older: boolean }[]>(
    `WITH b AS (SELECT featured_on FROM paper_rank WHERE featured_on < $1::date${inRange}
                 ORDER BY featured_on DESC OFFSET $2 LIMIT 1)
     SELECT to_char(b.featured_on, 'YYYY-MM-DD') AS day,
            EXISTS (SELECT 1 FROM paper_rank WHERE featured_on < b.featured_on${inRange}) AS older
       FROM b`,
    ...params.values,
  );
  const row = rows[0];
  return row?.older ? row.day : null;
}

/** How many papers a window from a cursor holds, counted in the narrow rank table's index up to just past the largest window. */
async function windowPapers(window: Range): Promise<number> {
  const rows = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM paper_rank WHERE featured_on >= $1::date AND featured_on < $2::date
       LIMIT ${MAX_WINDOW + 1}) x`,
    window.from,
    window.to,
  );
  return rows[0]?.n ?? 0;
}

/** What the query's terms say about its matches: an upper bound, and the paper count it is relative to. */
type Estimate = { bound: number; papers: number };

/** Table facts a search reads once (with its probe): the term counts' paper count (0: never counted) and the highest id. */
type TableStats = { counted: number; maxId: number };

/**
 * At most how many papers match, from search_terms (one primary-key read per term). Without term
 * counts (a new database) it counts the matches up to just past EXACT_MAX with the GIN index.
 */
async function estimateMatches(tree: TsNode | null, tsquery: string, stats: TableStats): Promise<Estimate> {
  const { counted, maxId } = stats;
  if (tree && counted > 0) {
    const terms = lexemes(tree);
    const rows = await db().$queryRawUnsafe<{ term: string; papers: number }[]>(
      `SELECT term, papers FROM search_terms WHERE term = ANY($1::text[])`,
      terms,
    );
    const known = new Map(rows.map((r) => [r.term, r.papers]));
    // Counts are redone when the table has grown by a tenth (lib/papers/related.ts), so a term's papers
    // are at most a tenth more than counted if new papers hold it as often as old ones. A term missing
    // from the counts is newer than them: rare (and the statement's cap holds if it is not).
    const total = Math.ceil(counted * TERM_COUNT_GROWTH);
    const papersWith = (t: string) => Math.ceil((known.get(t) ?? 0) * TERM_COUNT_GROWTH);
    return { bound: matchBound(tree, papersWith, total), papers: total };
  }
  const rows = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM papers p WHERE p.search_vector @@ $1::tsquery LIMIT ${EXACT_MAX + 1}) x`,
    tsquery,
  );
  const n = rows[0]?.n ?? 0;
  // Over EXACT_MAX matches: assume the query is broad, a window then widens as far as it must.
  return { bound: n > EXACT_MAX ? maxId : n, papers: Math.max(maxId, 1) };
}

type Searched = { rows: HitRow[]; range: Range | null; recent: boolean };
type SearchContext = {
  range: Range | null;
  latestDay: string | null;
  stats: TableStats;
  topicIds: number[];
  refDay: string;
  limit: number;
};

/** A search of every paper (no period, no topic): its window also ranks the most-voted matches. */
const wholeArchive = (ctx: { range: Range | null; topicIds: number[] }) => !ctx.range && ctx.topicIds.length === 0;

/** The first page of a query: all matches when they are few, else the best of a recency window. */
async function firstPage(tree: TsNode | null, tsquery: string, ctx: SearchContext): Promise<Searched> {
  const base = {
    tsquery,
    topicIds: ctx.topicIds,
    refDay: ctx.refDay,
    limit: ctx.limit,
    popular: wholeArchive(ctx),
  };
  const exact = async () => ({
    rows: (await rankPage({ ...base, range: ctx.range, windowed: false })).rows,
    range: ctx.range,
    recent: false,
  });
  const estimate = await estimateMatches(tree, tsquery, ctx.stats);
  const exactMax = ctx.topicIds.length ? TOPIC_EXACT_MAX : EXACT_MAX;
  if (estimate.bound <= exactMax || !ctx.latestDay) return exact();
  const to = ctx.range?.to ?? addDays(ctx.latestDay, 1);
  // Sized to hold about `aim` matches if the query matches as many papers as its terms allow.
  const aim = ctx.topicIds.length ? TOPIC_CANDIDATES : CANDIDATES;
  const maxWindow = ctx.topicIds.length ? MAX_TOPIC_WINDOW : MAX_WINDOW;
  const least = ctx.topicIds.length ? TOPIC_MIN_CANDIDATES : MIN_CANDIDATES;
  let size = Math.min(maxWindow, Math.max(aim, Math.ceil((aim * estimate.papers) / estimate.bound)));
  for (;;) {
    const from = await windowStart(size, to, ctx.range?.from ?? null, ctx.topicIds);
    const range = { from: from ?? ctx.range?.from ?? "", to };
    const ranked = await rankPage({
      ...base,
      range: from ? range : ctx.range,
      windowed: true,
      scan: scanWindow(size, estimate.bound),
    });
    if (!from) return { rows: ranked.rows, range: ctx.range, recent: false };
    if (ranked.candidates >= least || (size >= maxWindow && ranked.candidates > 0))
      return { rows: ranked.rows, range, recent: true };
    if (size >= maxWindow) break;
    size = Math.min(maxWindow, size * WIDEN);
  }
  // No match among the newest maxWindow papers although each word is common: the words rarely meet,
  // so all their matches are few.
  return exact();
}

export async function searchPapers(input: SearchQuery, now = new Date()): Promise<SearchResult> {
  // Bounded here too, not only at the HTTP boundary: ranking and headlines cost grows with the number of terms.
  const query = { ...input, q: normalizeQuery(input.q) };
  if (!query.q) return { ok: true, status: "noTerms", hits: [], nextCursor: null };
  const probe = await db().$queryRawUnsafe<
    { n: number; tsquery: string; latest: string | null; counted: string | null; maxId: number | null }[]
  >(
    `SELECT numnode(q)::int AS n, q::text AS tsquery,
            (SELECT to_char(max(featured_on), 'YYYY-MM-DD') FROM papers) AS latest,
            (SELECT value FROM app_state WHERE key = $2) AS counted, (SELECT max(id) FROM papers) AS "maxId"
       FROM websearch_to_tsquery('english', $1) AS q`,
    query.q,
    TERM_STATS_KEY,
  );
  // Only stopwords or punctuation leave an empty tsquery: say so instead of listing nothing.
  if (!probe[0]?.n) return { ok: true, status: "noTerms", hits: [], nextCursor: null };
  const allWords = probe[0].tsquery;
  const latestDay = probe[0].latest;
  const tree = parseTsquery(allWords);
  const anyWords = tree ? anyWordTsquery(tree) : null;

  const topics = await resolveTopics(query.topic);
  if (!topics.ok) return { ok: false, reason: "unknownTopic", slug: topics.slug };
  let after: Cursor | undefined;
  if (query.cursor) {
    const decoded = decodeCursor(query.cursor);
    if (decoded?.s !== "relevance" || typeof decoded.k !== "number") return { ok: false, reason: "badCursor" };
    if (decoded.a && !anyWords) return { ok: false, reason: "badCursor" };
    if (decoded.w && decoded.w[0] > decoded.w[1]) return { ok: false, reason: "badCursor" };
    after = decoded;
  }
  let range: Range | null = null;
  if (query.period) {
    const day = query.date ?? latestDay ?? todayUtc(now);
    range = periodRange(query.period, day);
  }

  const refDay = todayUtc(now);
  const stats = { counted: Number(probe[0].counted ?? 0), maxId: probe[0].maxId ?? 0 };
  const ctx: SearchContext = { range, latestDay, stats, topicIds: topics.ids, refDay, limit: query.limit };
  let matched: "all" | "any" = after?.a ? "any" : "all";
  let searched: Searched;
  if (after) {
    // Later pages rank the candidates of the first: the same words and the same window.
    // A window from the cursor stays inside the period asked for.
    const window = after.w
      ? {
          from: range && range.from > after.w[0] ? range.from : after.w[0],
          to: range && range.to < after.w[1] ? range.to : after.w[1],
        }
      : null;
    const tsquery = matched === "any" && anyWords ? anyWords : allWords;
    // A topic window is read through the rank table whatever `scan` says (rankSql): no need to count it.
    let scan = false;
    if (window && ctx.topicIds.length === 0) {
      const [papers, estimate] = await Promise.all([
        windowPapers(window),
        estimateMatches(tsquery === allWords ? tree : parseTsquery(tsquery), tsquery, stats),
      ]);
      scan = scanWindow(papers, estimate.bound);
    }
    const ranked = await rankPage({
      ...ctx,
      tsquery,
      range: window ?? range,
      windowed: Boolean(window),
      scan,
      popular: wholeArchive(ctx),
      after,
    });
    searched = { rows: ranked.rows, range: window ?? range, recent: Boolean(window) };
  } else {
    searched = await firstPage(tree, allWords, ctx);
    if (searched.rows.length === 0 && anyWords) {
      matched = "any";
      searched = await firstPage(parseTsquery(anyWords), anyWords, ctx);
    }
  }

  const { page, nextCursor } = keysetPage(searched.rows, query.limit, (last) =>
    encodeCursor({
      s: "relevance",
      d: refDay,
      k: last.rank,
      r: 0,
      i: last.id,
      ...(searched.recent && searched.range ? { w: [searched.range.from, searched.range.to] as [string, string] } : {}),
      ...(matched === "any" ? { a: 1 as const } : {}),
    }),
  );
  const withChips = await withTopics(page.map(({ titleHl: _t, snippet: _s, ...rest }) => rest));
  const hits = withChips.map((paper, i) => ({
    ...paper,
    titleParts: snippetParts(page[i]!.titleHl),
    snippetParts: snippetParts(page[i]!.snippet),
  }));
  return { ok: true, status: "results", hits, nextCursor, range: searched.range, recent: searched.recent, matched };
}
