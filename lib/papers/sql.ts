import type { PaperListItem } from "./types";

// SQL shared by the paper lists (data.ts) and search (search.ts): the column
// list of a paper row, the period and topic filters and keyset paging. Every
// fragment reads the table as `papers p` and its vote counts from the paper's
// rank row as `paper_rank v` (VOTES_JOIN), where votes are counted.

/** Joins each paper `p` to its rank row `v`, which holds its vote counts (v.votes = upvotes + local votes). */
export const VOTES_JOIN = "JOIN paper_rank v ON v.paper_id = p.id";

/** The columns of a PaperListItem except score and topics; dates as the JSON strings the row types promise. Needs VOTES_JOIN. */
export const PAPER_COLUMNS = `p.id, p.arxiv_id AS "arxivId", p.title, p.summary, p.authors, p.repo_url AS "repoUrl",
  p.repo_stars AS "repoStars", p.project_url AS "projectUrl", p.sources <> ARRAY['arxiv'] AS "onHuggingFace", to_char(p.published_at, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "publishedAt",
  to_char(p.featured_on, 'YYYY-MM-DD') AS "featuredOn", v.votes AS upvotes,
  v.local_votes AS "localVotes", p.source_rank AS "sourceRank"`;

/** A row of PAPER_COLUMNS plus its score. */
export type PaperRow = Omit<PaperListItem, "topics">;

/** The bind parameters of one statement, in order: `add` returns the placeholder of the value it appends. */
export class SqlParams {
  readonly values: unknown[];
  constructor(...values: unknown[]) {
    this.values = values;
  }
  /** "$n" for the appended value, with `::type` when a cast is given. */
  add(value: unknown, cast?: string): string {
    this.values.push(value);
    return cast ? `$${this.values.length}::${cast}` : `$${this.values.length}`;
  }
}

/** Papers featured in the half-open range [from, to) of two date placeholders. */
export function featuredInSql(fromParam: string, toParam: string): string {
  return `p.featured_on >= ${fromParam}::date AND p.featured_on < ${toParam}::date`;
}

/** Papers linked to any of the topics in an int[] placeholder. */
export function hasTopicSql(topicIdsParam: string): string {
  // A per-row probe of the paper_topics primary key, written as a LIMIT 1 subquery on
  // purpose: as EXISTS the planner hashes every link of the topic (67k rows at 1M
  // papers, 78 ms) instead of probing the ~2,000 papers of the period (9 ms).
  return `(SELECT true FROM paper_topics pt WHERE pt.paper_id = p.id AND pt.topic_id = ANY(${topicIdsParam}::int[]) LIMIT 1)`;
}

/**
 * Keyset paging for "ORDER BY key DESC, ties ASC": the rows after the last one shown, whose key and
 * tie-breakers are bound as `keyParam` and `tieParams` (a row value such as "($4::int, $5::int)" when
 * `ties` is "(p.source_rank, p.id)").
 */
export function afterKeySql(key: string, keyParam: string, ties: string, tieParams: string): string {
  return `(${key} < ${keyParam} OR (${key} = ${keyParam} AND ${ties} > ${tieParams}))`;
}

/** Splits the `limit + 1` rows of a keyset query into the page and the cursor of the next one (null on the last). */
export function keysetPage<T>(
  rows: T[],
  limit: number,
  cursorAfter: (last: T) => string,
): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return { page, nextCursor: rows.length > limit && last ? cursorAfter(last) : null };
}
