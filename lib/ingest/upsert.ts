import type { PrismaClient } from "../db/client";
import { titleKey, type NormalizedPaper } from "./paper";

export type UpsertSummary = {
  created: number;
  updated: number;
  unchanged: number;
  /** Ids of the papers created and updated, for follow-up work such as topic classification. */
  createdIds: number[];
  updatedIds: number[];
};

type ExistingPaper = Awaited<ReturnType<PrismaClient["paper"]["findFirstOrThrow"]>>;

/**
 * Stores papers idempotently. A paper is found by arXiv id, else by title key.
 * Merging never blanks a non-empty field with an empty one, keeps the highest
 * upvote and star counts (snapshots only grow), and records every source.
 * Re-importing the same input changes nothing.
 */
export async function upsertPapers(db: PrismaClient, papers: NormalizedPaper[]): Promise<UpsertSummary> {
  const summary: UpsertSummary = { created: 0, updated: 0, unchanged: 0, createdIds: [], updatedIds: [] };
  if (papers.length === 0) return summary;

  const keys = papers.map((p) => titleKey(p.title));
  const arxivIds = papers.flatMap((p) => (p.arxivId ? [p.arxivId] : []));
  const existing = await db.paper.findMany({
    where: { OR: [{ titleKey: { in: keys } }, { arxivId: { in: arxivIds } }] },
  });
  const byArxiv = new Map(existing.filter((p) => p.arxivId).map((p) => [p.arxivId!, p]));
  const byKey = new Map(existing.map((p) => [p.titleKey, p]));

  for (const [i, paper] of papers.entries()) {
    const key = keys[i]!;
    const current = (paper.arxivId && byArxiv.get(paper.arxivId)) || byKey.get(key);
    if (!current) {
      const created = await db.paper.create({
        data: {
          ...paper,
          titleKey: key,
          featuredOn: new Date(`${paper.featuredOn}T00:00:00Z`),
          upvotes: paper.upvotes ?? 0,
          sources: [paper.source],
        },
      });
      byKey.set(key, created);
      if (created.arxivId) byArxiv.set(created.arxivId, created);
      summary.created++;
      summary.createdIds.push(created.id);
      continue;
    }
    const changes = mergeChanges(current, paper);
    if (Object.keys(changes).length === 0) {
      summary.unchanged++;
      continue;
    }
    const updated = await db.paper.update({ where: { id: current.id }, data: changes });
    byKey.set(updated.titleKey, updated);
    if (updated.arxivId) byArxiv.set(updated.arxivId, updated);
    summary.updated++;
    summary.updatedIds.push(updated.id);
  }
  return summary;
}

/** The fields that the incoming record would change; empty when nothing does. */
export function mergeChanges(current: ExistingPaper, incoming: NormalizedPaper) {
  const changes: Partial<ExistingPaper> = {};
  const fill = <K extends "arxivId" | "repoUrl" | "projectUrl" | "publishedAt">(k: K) => {
    if (current[k] == null && incoming[k] != null) changes[k] = incoming[k] as ExistingPaper[K];
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
