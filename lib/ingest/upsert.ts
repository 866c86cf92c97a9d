import { runInTransaction, type SqlStatement } from "@/lib/db/bulk";
import { db, type PrismaClient } from "@/lib/db/client";
import { type NormalizedPaper, titleKey } from "./paper";

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
  id: number | null; // null: not inserted yet (always null on a dry run)
  titleKey: string;
  title: string;
  featuredOn: string;
  source: string;
  sourceRank: number;
  /** Chunk writes in flight that carry this row; while > 0 the database may not show it yet. */
  writing: number;
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
export const UPSERT_CHUNK_SIZE = 500;
// Chunk writes that may run at once. Computing the search vector of every new
// abstract is most of an import's cost and happens in Postgres, one core per
// statement: a second writer keeps the database busy while this process merges
// the next chunk. On 2 cores, 2 beat 3 by 4-7% in six paired runs (3 used
// more Postgres CPU for the same rows; it was best while this process's
// share was larger, before bulk writes bypassed Prisma).
const WRITES_IN_FLIGHT = 2;

/**
 * Stores papers idempotently. A paper is found by arXiv id; a paper without
 * one by its title key (see IdentityIndex). Merging never blanks a non-empty
 * field with an empty one, keeps the highest upvote and star counts
 * (snapshots only grow), and records every source. Re-importing the same
 * input changes nothing.
 *
 * Works in chunks: one lookup query, then one bulk insert and one bulk update,
 * with the merge done in memory in input order, so the result is the same as
 * storing the papers one by one. Lookups and merges run in order; the writes
 * of up to WRITES_IN_FLIGHT chunks overlap. Rows whose write is still in
 * flight stay in memory and take precedence over what the lookup returns, and
 * a chunk that changes such a row waits for the writes before it, so each row
 * ends up with the last merged values. `dryRun` looks up and merges but
 * writes nothing.
 */
export async function upsertPapers(
  papers: NormalizedPaper[],
  options: {
    dryRun?: boolean;
    onProgress?: (done: number, total: number) => void;
    /**
     * Statements to commit in the same transaction as each chunk's rows, given the rows the chunk
     * created or changed as they will be stored (e.g. their topic links: a crash never leaves a
     * stored paper without them).
     */
    alongside?: (rows: ChangedPaper[]) => SqlStatement[];
  } = {},
): Promise<UpsertSummary> {
  const summary: UpsertSummary = { created: 0, updated: 0, unchanged: 0, createdIds: [], updatedIds: [] };
  const dryRun = options.dryRun ?? false;
  const held = new HeldRows();
  const writes = new Set<Promise<void>>();
  let failure: { error: unknown } | undefined;

  for (let start = 0; start < papers.length && !failure; start += UPSERT_CHUNK_SIZE) {
    const plan = await mergeChunk(papers.slice(start, start + UPSERT_CHUNK_SIZE), held, summary);
    options.onProgress?.(Math.min(start + UPSERT_CHUNK_SIZE, papers.length), papers.length);
    if (dryRun) {
      // Held for good: later chunks must see these merges, as they would see a real run's writes.
      held.hold([...plan.inserts, ...plan.updates]);
      continue;
    }
    await assignIds(plan.inserts);
    summary.createdIds.push(...plan.inserts.map((r) => r.id!));
    summary.updatedIds.push(...plan.updates.map((r) => r.id!));
    const rows = [...plan.inserts, ...plan.updates];
    if (rows.length === 0) continue;

    const before = plan.dependsOnHeld ? [...writes] : [];
    held.hold(rows);
    const write: Promise<void> = Promise.all(before)
      .then(() => writeChunk(plan, options.alongside))
      .catch((error: unknown) => {
        failure ??= { error };
      })
      .finally(() => {
        held.release(rows);
        writes.delete(write);
      });
    writes.add(write);
    while (writes.size >= WRITES_IN_FLIGHT) await Promise.race(writes);
  }
  await Promise.all(writes);
  if (failure) throw failure.error;
  const created = new Set(summary.createdIds);
  summary.updatedIds = [...new Set(summary.updatedIds)].filter((id) => !created.has(id));
  return summary;
}

export type ChangedPaper = { id: number; title: string; summary: string };

type ChunkPlan = {
  inserts: PendingRow[];
  updates: PendingRow[];
  /** True when an update changes a row another chunk is still writing: this chunk's write must come after. */
  dependsOnHeld: boolean;
};

/** Rows with a chunk write in flight, by id and by identity, so later chunks merge into them. */
class HeldRows {
  private readonly rows = new Set<PendingRow>();
  private readonly ids = new Map<number, PendingRow>();
  hold(rows: PendingRow[]) {
    for (const r of rows) {
      r.writing++;
      this.rows.add(r);
      if (r.id !== null) this.ids.set(r.id, r);
    }
  }
  release(rows: PendingRow[]) {
    for (const r of rows) {
      if (--r.writing > 0) continue;
      this.rows.delete(r);
      if (r.id !== null) this.ids.delete(r.id);
    }
  }
  /** The held rows a chunk with these identities may need (few: only the chunks in flight). */
  matching(keys: Set<string>, arxivIds: Set<string>): PendingRow[] {
    return [...this.rows].filter((r) => keys.has(r.titleKey) || (r.arxivId !== null && arxivIds.has(r.arxivId)));
  }
  has(id: number): boolean {
    return this.ids.has(id);
  }
}

/** Looks up the chunk's papers and merges them in memory, in input order. Writes nothing. */
async function mergeChunk(papers: NormalizedPaper[], held: HeldRows, summary: UpsertSummary): Promise<ChunkPlan> {
  const keys = papers.map((p) => titleKey(p.title));
  const arxivIds = papers.flatMap((p) => (p.arxivId ? [p.arxivId] : []));
  // Raw SQL with two array parameters: Prisma's IN lists bind one parameter per key.
  const stored = await db().$queryRawUnsafe<StoredRow[]>(
    `SELECT id, arxiv_id, title_key, title, summary, authors, repo_url, repo_stars, project_url, published_at,
       featured_on::text AS featured_on, source, source_rank, upvotes, keywords, sources
     FROM papers WHERE title_key = ANY($1::text[]) OR arxiv_id = ANY($2::text[])`,
    keys,
    arxivIds,
  );
  // A held row is newer than what the database returned for it, and may not be in the database yet.
  const index = new IdentityIndex([
    ...held.matching(new Set(keys), new Set(arxivIds)),
    ...stored.filter((p) => !held.has(p.id)).map(fromStored),
  ]);
  const inserts = new Set<PendingRow>();
  const updates = new Set<PendingRow>();
  for (const [i, paper] of papers.entries()) {
    const current = index.find(paper, keys[i]!);
    if (!current) {
      const row = newRow(paper, keys[i]!);
      inserts.add(row);
      index.add(row);
      summary.created++;
      continue;
    }
    const changes = mergeChanges(current, paper);
    if (Object.keys(changes).length === 0) {
      summary.unchanged++;
      continue;
    }
    Object.assign(current, changes);
    index.add(current); // an arXiv id may just have been filled in
    if (!inserts.has(current)) updates.add(current); // a pending insert just carries the merged values
    summary.updated++;
  }
  return { inserts: [...inserts], updates: [...updates], dependsOnHeld: [...updates].some((r) => r.writing > 0) };
}

/**
 * Finds the stored (or pending) row an incoming paper is. A paper with an
 * arXiv id is the row with that id, or a row of the same title that has no id
 * yet (seen before its id was known). Two arXiv papers with the same title are
 * different papers. A paper without an arXiv id is the row of its title
 * without an id, else (nothing tells them apart) the most recently featured
 * row of that title.
 */
class IdentityIndex {
  private readonly byArxiv = new Map<string, PendingRow>();
  private readonly byKey = new Map<string, PendingRow[]>();
  constructor(rows: PendingRow[]) {
    for (const r of rows) this.add(r);
  }
  add(row: PendingRow) {
    if (row.arxivId) this.byArxiv.set(row.arxivId, row);
    const same = this.byKey.get(row.titleKey);
    if (!same) this.byKey.set(row.titleKey, [row]);
    else if (!same.includes(row)) same.push(row);
  }
  find(paper: NormalizedPaper, key: string): PendingRow | undefined {
    const sameTitle = this.byKey.get(key) ?? [];
    const withoutId = sameTitle.find((r) => r.arxivId === null);
    if (paper.arxivId) return this.byArxiv.get(paper.arxivId) ?? withoutId;
    return (
      withoutId ??
      sameTitle.reduce<PendingRow | undefined>((best, r) => (!best || newer(r, best) ? r : best), undefined)
    );
  }
}

const newer = (a: PendingRow, b: PendingRow) =>
  a.featuredOn !== b.featuredOn ? a.featuredOn > b.featuredOn : (a.id ?? Infinity) > (b.id ?? Infinity);

function fromStored(p: StoredRow): PendingRow {
  return {
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
    writing: 0,
  };
}

function newRow(paper: NormalizedPaper, key: string): PendingRow {
  return {
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
    writing: 0,
  };
}

/** Takes ids for the new rows from the table's sequence, so later chunks and classification know them before the insert commits. */
async function assignIds(rows: PendingRow[]): Promise<void> {
  if (rows.length === 0) return;
  const ids = await db().$queryRawUnsafe<{ id: number }[]>(
    `SELECT nextval(pg_get_serial_sequence('papers', 'id'))::int AS id FROM generate_series(1, $1::int)`,
    rows.length,
  );
  for (const [i, r] of rows.entries()) r.id = ids[i]!.id;
}

/** The chunk's INSERT, UPDATE and the caller's statements, in one transaction. */
async function writeChunk(plan: ChunkPlan, alongside: ((rows: ChangedPaper[]) => SqlStatement[]) | undefined) {
  // Built now, not when the plan was made: a later chunk may have merged more into these rows.
  const rows = [...plan.inserts, ...plan.updates];
  await runInTransaction([
    ...(plan.inserts.length > 0 ? [insertRows(plan.inserts)] : []),
    ...(plan.updates.length > 0 ? [updateRows(plan.updates)] : []),
    ...(alongside?.(rows.map((r) => ({ id: r.id!, title: r.title, summary: r.summary }))) ?? []),
  ]);
}

/** The rows as one JSON parameter in column names; each statement's json_to_recordset reads the columns it needs. */
function json(rows: PendingRow[]): string {
  return JSON.stringify(
    rows.map((r) => ({
      id: r.id,
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
    })),
  );
}

/** One INSERT for the chunk, with the ids assignIds took. */
function insertRows(rows: PendingRow[]): SqlStatement {
  // json_to_recordset turns JSON arrays into text[] and keeps the whole chunk one parameter.
  return sql(
    `INSERT INTO papers (id, arxiv_id, title_key, title, summary, authors, repo_url, repo_stars, project_url,
       published_at, featured_on, source, sources, source_rank, upvotes, keywords, updated_at)
     SELECT id, arxiv_id, title_key, title, summary, authors, repo_url, repo_stars, project_url,
       published_at AT TIME ZONE 'UTC', featured_on, source, sources, source_rank, upvotes, keywords,
       now() AT TIME ZONE 'UTC'
     FROM json_to_recordset($1::json) AS x(
       id int, arxiv_id text, title_key text, title text, summary text, authors text[], repo_url text,
       repo_stars int, project_url text, published_at timestamptz, featured_on date, source text,
       sources text[], source_rank int, upvotes int, keywords text[])`,
    json(rows),
  );
}

/** One UPDATE for the chunk, writing the merged values of the changed rows. */
function updateRows(rows: PendingRow[]): SqlStatement {
  return sql(
    `UPDATE papers p SET
       arxiv_id = x.arxiv_id, summary = x.summary, authors = x.authors, repo_url = x.repo_url,
       repo_stars = x.repo_stars, project_url = x.project_url,
       published_at = x.published_at AT TIME ZONE 'UTC', upvotes = x.upvotes, keywords = x.keywords,
       sources = x.sources, updated_at = now() AT TIME ZONE 'UTC'
     FROM json_to_recordset($1::json) AS x(
       id int, arxiv_id text, summary text, authors text[], repo_url text, repo_stars int, project_url text,
       published_at timestamptz, upvotes int, keywords text[], sources text[])
     WHERE p.id = x.id`,
    json(rows),
  );
}

const sql = (text: string, ...values: unknown[]): SqlStatement => ({ text, values });

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
