import { runInTransaction, type SqlStatement } from "@/lib/db/bulk";
import { db } from "@/lib/db/client";
import { recomputeAllRelated } from "@/lib/papers/related";
import { classify } from "./classify";
import { TOPICS } from "./taxonomy";
import { TAXONOMY_VERSION } from "./version";

// Writes for topics. Every function takes the client, so scripts and tests
// can pass their own; nothing here imports "server-only" (scripts use it).

/** app_state key holding the TAXONOMY_VERSION the stored paper topics were computed with. */
export const TAXONOMY_VERSION_KEY = "taxonomy_version";
/** Papers per round trip: keeps statements and parameter lists small. */
const CHUNK = 1000;

export type SyncSummary = { created: number; updated: number; deleted: number };

/**
 * Makes the topics table match the taxonomy: inserts new topics, updates
 * changed names and descriptions, deletes topics no longer in the taxonomy
 * (their paper and subscriber links go with them, by cascade). Idempotent.
 */
export async function syncTopics(): Promise<SyncSummary> {
  const existing = await db().topic.findMany();
  const bySlug = new Map(existing.map((t) => [t.slug, t]));
  const wanted = new Set(TOPICS.map((t) => t.slug));
  const summary: SyncSummary = { created: 0, updated: 0, deleted: 0 };

  const missing = TOPICS.filter((t) => !bySlug.has(t.slug));
  if (missing.length) {
    const { count } = await db().topic.createMany({
      data: missing.map(({ slug, name, description }) => ({ slug, name, description })),
      skipDuplicates: true, // another process may sync at the same time
    });
    summary.created = count;
  }
  for (const t of TOPICS) {
    const row = bySlug.get(t.slug);
    if (row && (row.name !== t.name || row.description !== t.description)) {
      await db().topic.update({ where: { id: row.id }, data: { name: t.name, description: t.description } });
      summary.updated++;
    }
  }
  const stale = existing.filter((t) => !wanted.has(t.slug)).map((t) => t.id);
  if (stale.length) summary.deleted = (await db().topic.deleteMany({ where: { id: { in: stale } } })).count;
  return summary;
}

/** slug -> topic id, syncing the taxonomy first when the table lacks a topic. */
export async function topicIds(): Promise<Map<string, number>> {
  let rows = await db().topic.findMany({ select: { id: true, slug: true } });
  const have = new Set(rows.map((r) => r.slug));
  if (TOPICS.some((t) => !have.has(t.slug))) {
    await syncTopics();
    rows = await db().topic.findMany({ select: { id: true, slug: true } });
  }
  return new Map(rows.map((r) => [r.slug, r.id]));
}

export type PaperText = { id: number; title: string; summary: string };

/**
 * Classifies the papers and returns the statements that replace their topic
 * links (one DELETE, one INSERT), not yet run: the caller runs them in a
 * transaction, alone or with the writes of the papers themselves.
 */
export function topicLinkStatements(
  papers: readonly PaperText[],
  ids: Map<string, number>,
): { statements: SqlStatement[]; links: number } {
  if (papers.length === 0) return { statements: [], links: 0 };
  const rows: { paper_id: number; topic_id: number; evidence: string[] }[] = [];
  for (const p of papers) {
    for (const match of classify(p.title, p.summary)) {
      const topicId = ids.get(match.slug);
      if (topicId !== undefined) rows.push({ paper_id: p.id, topic_id: topicId, evidence: match.evidence });
    }
  }
  const paperIds = papers.map((p) => p.id);
  const statements = [
    { text: `DELETE FROM "paper_topics" WHERE "paper_id" = ANY($1::int[])`, values: [paperIds] },
    // Two writers classifying the same paper at once (start-up and ingest) must not fail on the key.
    // One JSON parameter instead of Prisma's createMany: ~6x faster for the ingest benchmark's 27k links.
    {
      text: `INSERT INTO "paper_topics" ("paper_id", "topic_id", "evidence")
       SELECT paper_id, topic_id, evidence FROM jsonb_to_recordset($1::jsonb) AS x(paper_id int, topic_id int, evidence text[])
       ON CONFLICT DO NOTHING`,
      values: [JSON.stringify(rows)],
    },
  ];
  return { statements, links: rows.length };
}

/** Replaces the topic links of these papers in one transaction. */
async function writeTopics(papers: PaperText[], ids: Map<string, number>): Promise<number> {
  const { statements, links } = topicLinkStatements(papers, ids);
  await runInTransaction(statements);
  return links;
}

export type ClassifySummary = { papers: number; links: number };

/** Reclassifies every paper, streaming by id so memory stays flat at any size. */
export async function reclassifyAll(): Promise<ClassifySummary> {
  const ids = await topicIds();
  const summary: ClassifySummary = { papers: 0, links: 0 };
  let after = 0;
  for (;;) {
    const papers = await db().paper.findMany({
      where: { id: { gt: after } },
      orderBy: { id: "asc" },
      take: CHUNK,
      select: { id: true, title: true, summary: true },
    });
    if (papers.length === 0) break;
    summary.links += await writeTopics(papers, ids);
    summary.papers += papers.length;
    after = papers[papers.length - 1]!.id;
  }
  return summary;
}

export type EnsureSummary = {
  version: string;
  topics: SyncSummary;
  /** Null when the stored classification was already current. */
  reclassified: ClassifySummary | null;
};

/**
 * Start-up hook: syncs the topics table and, when the taxonomy changed since
 * the papers were last classified (or never was recorded), reclassifies all
 * papers, recomputes their related papers (shared topics are part of the
 * ranking) and records the new version.
 */
export async function ensureTaxonomy(): Promise<EnsureSummary> {
  const topics = await syncTopics();
  const stored = await db().appState.findUnique({ where: { key: TAXONOMY_VERSION_KEY } });
  if (stored?.value === TAXONOMY_VERSION) return { version: TAXONOMY_VERSION, topics, reclassified: null };
  const reclassified = await reclassifyAll();
  await recomputeAllRelated();
  await db().appState.upsert({
    where: { key: TAXONOMY_VERSION_KEY },
    create: { key: TAXONOMY_VERSION_KEY, value: TAXONOMY_VERSION },
    update: { value: TAXONOMY_VERSION },
  });
  return { version: TAXONOMY_VERSION, topics, reclassified };
}
