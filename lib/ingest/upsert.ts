import type { PrismaClient } from "../db/client";
import { titleKey, type NormalizedPaper } from "./paper";

export type UpsertSummary = {
  created: number;
  updated: number;
  unchanged: number;
  /** Ids of the rows this call inserted (empty on a dry run). */
  createdIds: number[];
  /** Ids of existing rows this call changed (never also in createdIds). */
  updatedIds: number[];
};

type ExistingPaper = Awaited<ReturnType<PrismaClient["paper"]["findFirstOrThrow"]>>;

/** The columns a merge may change; everything else is fixed when the row is created. */
type MergeableRow = Pick<
  ExistingPaper,
  | "arxivId"
  | "summary"
  | "authors"
  | "repoUrl"
  | "repoStars"
  | "projectUrl"
  | "publishedAt"
  | "upvotes"
  | "keywords"
  | "sources"
>;

type PendingRow = MergeableRow & {
  id: number | null; // null: not inserted yet
  titleKey: string;
  title: string;
  featuredOn: string;
  source: string;
  sourceRank: number;
  dirty: boolean;
};

type StoredRow = {
  id: number;
  arxiv_id: string | null;
  title_key: string;
  title: string;
  summary: string;
  authors: string[];
  repo_url: string | null;
  repo_stars: number | null;
  project_url: string | null;
  published_at: Date | null;
  featured_on: string;
  source: string;
  source_rank: number;
  upvotes: number;
  keywords: string[];
  sources: string[];
};

// Big enough to amortise round trips, small enough to keep one statement's
// JSON parameter (and PGlite's single session) short.
export const UPSERT_CHUNK_SIZE = 1_000;

/**
 * Stores papers idempotently. A paper is found by arXiv id, else by title key.
 * Merging never blanks a non-empty field with an empty one, keeps the highest
 * upvote and star counts (snapshots only grow), and records every source.
 * Re-importing the same input changes nothing.
 *
 * Works in chunks: one lookup query, one bulk insert and one bulk update per
 * chunk, with the merge done in memory in input order, so the result is the
 * same as storing the papers one by one. `dryRun` looks up and merges but
 * writes nothing.
 */
export async function upsertPapers(
  db: PrismaClient,
  papers: NormalizedPaper[],
  options: {
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
    /** The rows each chunk created or changed, as stored, as soon as it is written (follow-up work can start early). */
    onChunk?: (rows: ChangedPaper[]) => void;
  } = {},
): Promise<UpsertSummary> {
  const summary: UpsertSummary = { created: 0, updated: 0, unchanged: 0, createdIds: [], updatedIds: [] };
  for (let start = 0; start < papers.length; start += UPSERT_CHUNK_SIZE) {
    const changed = await upsertChunk(db, papers.slice(start, start + UPSERT_CHUNK_SIZE), summary, options.dryRun ?? false);
    if (changed.length > 0) options.onChunk?.(changed.map((r) => ({ id: r.id!, title: r.title, summary: r.summary })));
    options.onProgress?.(Math.min(start + UPSERT_CHUNK_SIZE, papers.length), papers.length);
  }
  return summary;
}

export type ChangedPaper = { id: number; title: string; summary: string };

/** Stores one chunk; returns the rows it inserted or changed (none on a dry run). */
async function upsertChunk(
  db: PrismaClient,
  papers: NormalizedPaper[],
  summary: UpsertSummary,
  dryRun: boolean,
): Promise<PendingRow[]> {
  const keys = papers.map((p) => titleKey(p.title));
  const arxivIds = papers.flatMap((p) => (p.arxivId ? [p.arxivId] : []));
  // Raw SQL with two array parameters: Prisma's IN lists bind one parameter per key.
  const existing = await db.$queryRawUnsafe<StoredRow[]>(
    `SELECT id, arxiv_id, title_key, title, summary, authors, repo_url, repo_stars, project_url, published_at,
       featured_on::text AS featured_on, source, source_rank, upvotes, keywords, sources
     FROM papers WHERE title_key = ANY($1::text[]) OR arxiv_id = ANY($2::text[])`,
    keys,
    arxivIds,
  );
  const rows: PendingRow[] = existing.map((p) => ({
    id: p.id,
    arxivId: p.arxiv_id,
    titleKey: p.title_key,
    title: p.title,
    summary: p.summary,
    authors: p.authors,
    repoUrl: p.repo_url,
    repoStars: p.repo_stars,
    projectUrl: p.project_url,
    publishedAt: p.published_at,
    featuredOn: p.featured_on,
    source: p.source,
    sourceRank: p.source_rank,
    upvotes: p.upvotes,
    keywords: p.keywords,
    sources: p.sources,
    dirty: false,
  }));
  const byArxiv = new Map(rows.filter((p) => p.arxivId).map((p) => [p.arxivId!, p]));
  const byKey = new Map(rows.map((p) => [p.titleKey, p]));
  const inserts: PendingRow[] = [];

  for (const [i, paper] of papers.entries()) {
    const key = keys[i]!;
    const current = (paper.arxivId && byArxiv.get(paper.arxivId)) || byKey.get(key);
    if (!current) {
      const row: PendingRow = {
        id: null,
        arxivId: paper.arxivId,
        titleKey: key,
        title: paper.title,
        summary: paper.summary,
        authors: paper.authors,
        repoUrl: paper.repoUrl,
        repoStars: paper.repoStars,
        projectUrl: paper.projectUrl,
        publishedAt: paper.publishedAt,
        featuredOn: paper.featuredOn,
        source: paper.source,
        sources: [paper.source],
        sourceRank: paper.sourceRank,
        upvotes: paper.upvotes ?? 0,
        keywords: paper.keywords,
        dirty: false,
      };
      inserts.push(row);
      byKey.set(key, row);
      if (row.arxivId) byArxiv.set(row.arxivId, row);
      summary.created++;
      continue;
    }
    const changes = mergeChanges(current, paper);
    if (Object.keys(changes).length === 0) {
      summary.unchanged++;
      continue;
    }
    Object.assign(current, changes);
    if (current.arxivId) byArxiv.set(current.arxivId, current);
    if (current.id !== null) current.dirty = true; // pending inserts just carry the merged values
    summary.updated++;
  }

  const updates = rows.filter((r) => r.dirty);
  if (dryRun) return [];
  if (inserts.length > 0) summary.createdIds.push(...(await insertRows(db, inserts)));
  if (updates.length > 0) {
    await updateRows(db, updates);
    summary.updatedIds.push(...updates.map((r) => r.id!));
  }
  return [...inserts, ...updates];
}

const json = (rows: object[]) => JSON.stringify(rows);

/** One INSERT for the chunk; returns the new ids in input order. */
async function insertRows(db: PrismaClient, rows: PendingRow[]): Promise<number[]> {
  const payload = rows.map((r, ord) => ({
    ord,
    arxiv_id: r.arxivId,
    title_key: r.titleKey,
    title: r.title,
    summary: r.summary,
    authors: r.authors,
    repo_url: r.repoUrl,
    repo_stars: r.repoStars,
    project_url: r.projectUrl,
    published_at: r.publishedAt?.toISOString() ?? null,
    featured_on: r.featuredOn,
    source: r.source,
    sources: r.sources,
    source_rank: r.sourceRank,
    upvotes: r.upvotes,
    keywords: r.keywords,
  }));
  // jsonb_to_recordset turns JSON arrays into text[] and keeps the whole chunk one parameter.
  const inserted = await db.$queryRawUnsafe<{ id: number; ord: number }[]>(
    `WITH input AS (
       SELECT * FROM json_to_recordset($1::json) AS x(
         ord int, arxiv_id text, title_key text, title text, summary text, authors text[], repo_url text,
         repo_stars int, project_url text, published_at timestamptz, featured_on date, source text,
         sources text[], source_rank int, upvotes int, keywords text[])
     ), ins AS (
       INSERT INTO papers (arxiv_id, title_key, title, summary, authors, repo_url, repo_stars, project_url,
         published_at, featured_on, source, sources, source_rank, upvotes, keywords, updated_at)
       SELECT arxiv_id, title_key, title, summary, authors, repo_url, repo_stars, project_url,
         published_at AT TIME ZONE 'UTC', featured_on, source, sources, source_rank, upvotes, keywords,
         now() AT TIME ZONE 'UTC'
       FROM input ORDER BY ord
       RETURNING id, title_key
     )
     SELECT ins.id, input.ord FROM ins JOIN input USING (title_key)`,
    json(payload),
  );
  const ids = new Array<number>(rows.length);
  for (const { id, ord } of inserted) {
    ids[ord] = id;
    rows[ord]!.id = id;
  }
  return ids;
}

/** One UPDATE for the chunk, writing the merged values of the changed rows. */
async function updateRows(db: PrismaClient, rows: PendingRow[]): Promise<void> {
  const payload = rows.map((r) => ({
    id: r.id,
    arxiv_id: r.arxivId,
    summary: r.summary,
    authors: r.authors,
    repo_url: r.repoUrl,
    repo_stars: r.repoStars,
    project_url: r.projectUrl,
    published_at: r.publishedAt?.toISOString() ?? null,
    upvotes: r.upvotes,
    keywords: r.keywords,
    sources: r.sources,
  }));
  await db.$executeRawUnsafe(
    `UPDATE papers p SET
       arxiv_id = x.arxiv_id, summary = x.summary, authors = x.authors, repo_url = x.repo_url,
       repo_stars = x.repo_stars, project_url = x.project_url,
       published_at = x.published_at AT TIME ZONE 'UTC', upvotes = x.upvotes, keywords = x.keywords,
       sources = x.sources, updated_at = now() AT TIME ZONE 'UTC'
     FROM json_to_recordset($1::json) AS x(
       id int, arxiv_id text, summary text, authors text[], repo_url text, repo_stars int, project_url text,
       published_at timestamptz, upvotes int, keywords text[], sources text[])
     WHERE p.id = x.id`,
    json(payload),
  );
}

/** The fields that the incoming record would change; empty when nothing does. */
export function mergeChanges(current: MergeableRow, incoming: NormalizedPaper): Partial<MergeableRow> {
  const changes: Partial<MergeableRow> = {};
  const fill = <K extends "arxivId" | "repoUrl" | "projectUrl" | "publishedAt">(k: K) => {
    if (current[k] == null && incoming[k] != null) changes[k] = incoming[k] as MergeableRow[K];
  };
  fill("arxivId");
  fill("repoUrl");
  fill("projectUrl");
  fill("publishedAt");
  if (!current.summary && incoming.summary) changes.summary = incoming.summary;
  if (incoming.authors.length > current.authors.length) changes.authors = incoming.authors;
  if (current.keywords.length === 0 && incoming.keywords.length > 0) changes.keywords = incoming.keywords;
  if (incoming.upvotes != null && incoming.upvotes > current.upvotes) changes.upvotes = incoming.upvotes;
  if (incoming.repoStars != null && incoming.repoStars > (current.repoStars ?? -1)) {
    changes.repoStars = incoming.repoStars;
  }
  if (!current.sources.includes(incoming.source)) changes.sources = [...current.sources, incoming.source];
  return changes;
}
