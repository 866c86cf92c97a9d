import { db } from "@/lib/db/client";
import { todayUtc } from "@/lib/time";
import { latestFeaturedDay, resolveTopics, withTopics } from "./data";
import { periodRange } from "./period";
import { type Cursor, decodeCursor, encodeCursor, normalizeQuery } from "./schema";
import { TRENDING_SCORE_SQL } from "./score";
import { afterKeySql, featuredInSql, hasTopicSql, keysetPage, PAPER_COLUMNS, type PaperRow, SqlParams } from "./sql";
import type { SearchHit, SearchQuery, SnippetPart } from "./types";

// Full-text search over the generated papers.search_vector (title A, abstract
// B, authors C; GIN-indexed). websearch_to_tsquery gives users web-search
// syntax ("quoted phrases", -exclude, or) and never raises on junk input.

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
      range: { from: string; to: string } | null;
    }
  | { ok: false; reason: "unknownTopic"; slug: string }
  | { ok: false; reason: "badCursor" };

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, MaxFragments=2, MaxWords=30, MinWords=12, FragmentDelimiter=" … "`;

export async function searchPapers(input: SearchQuery, now = new Date()): Promise<SearchResult> {
  // Bounded here too, not only at the HTTP boundary: ranking and headlines cost grows with the number of terms.
  const query = { ...input, q: normalizeQuery(input.q) };
  if (!query.q) return { ok: true, status: "noTerms", hits: [], nextCursor: null };
  // Only stopwords or punctuation leave an empty tsquery: say so instead of listing nothing.
  const probe = await db().$queryRawUnsafe<{ n: number }[]>(
    `SELECT numnode(websearch_to_tsquery('english', $1))::int AS n`,
    query.q,
  );
  if (!probe[0]?.n) return { ok: true, status: "noTerms", hits: [], nextCursor: null };

  const topics = await resolveTopics(query.topic);
  if (!topics.ok) return { ok: false, reason: "unknownTopic", slug: topics.slug };
  let after: Cursor | undefined;
  if (query.cursor) {
    const decoded = decodeCursor(query.cursor);
    if (decoded?.s !== "relevance" || typeof decoded.k !== "number") return { ok: false, reason: "badCursor" };
    after = decoded;
  }
  let range: { from: string; to: string } | null = null;
  if (query.period) {
    const day = query.date ?? (await latestFeaturedDay()) ?? todayUtc(now);
    range = periodRange(query.period, day);
  }

  const refDay = todayUtc(now);
  const params = new SqlParams(query.q, refDay);
  const where = ["p.search_vector @@ q.query"];
  if (range) where.push(featuredInSql(params.add(range.from), params.add(range.to)));
  if (topics.ids.length) where.push(hasTopicSql(params.add(topics.ids)));
  const rank = "ts_rank_cd(p.search_vector, q.query)::float8";
  if (after) where.push(afterKeySql(rank, params.add(after.k, "float8"), "p.id", params.add(after.i, "int")));
  const limit = params.add(query.limit + 1);
  // Rank and page first; ts_headline (costly) runs only on the rows shown.
  const rows = await db().$queryRawUnsafe<(PaperRow & { rank: number; titleHl: string; snippet: string })[]>(
    `WITH q AS (SELECT websearch_to_tsquery('english', $1) AS query),
          hits AS (SELECT p.id, ${rank} AS rank FROM papers p, q
                    WHERE ${where.join(" AND ")}
                    ORDER BY rank DESC, p.id ASC LIMIT ${limit})
     SELECT ${PAPER_COLUMNS}, ${TRENDING_SCORE_SQL("$2")} AS score, hits.rank,
            ts_headline('english', p.title, q.query, 'StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true') AS "titleHl",
            ts_headline('english', p.summary, q.query, '${HEADLINE_OPTIONS}') AS snippet
       FROM hits JOIN papers p ON p.id = hits.id, q
      ORDER BY hits.rank DESC, hits.id ASC`,
    ...params.values,
  );
  const { page, nextCursor } = keysetPage(rows, query.limit, (last) =>
    encodeCursor({ s: "relevance", d: refDay, k: last.rank, r: 0, i: last.id }),
  );
  const withChips = await withTopics(page.map(({ titleHl: _t, snippet: _s, ...rest }) => rest));
  const hits = withChips.map((paper, i) => ({
    ...paper,
    titleParts: snippetParts(page[i]!.titleHl),
    snippetParts: snippetParts(page[i]!.snippet),
  }));
  return { ok: true, status: "results", hits, nextCursor, range };
}
