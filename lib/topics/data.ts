import { db } from "@/lib/db/client";
import { TOPICS, topicDefinition } from "./taxonomy";

// Reads for topics. Like mutations.ts, every function takes the client.

export type TopicSummary = { slug: string; name: string; description: string; paperCount: number };

const ORDER = new Map(TOPICS.map((t, i) => [t.slug, i]));

/** Every stored topic with its number of papers, in taxonomy order. */
export async function listTopics(): Promise<TopicSummary[]> {
  const [topics, counts] = await Promise.all([
    db().topic.findMany({ select: { id: true, slug: true, name: true, description: true } }),
    db().paperTopic.groupBy({ by: ["topicId"], _count: { _all: true } }),
  ]);
  const countById = new Map(counts.map((c) => [c.topicId, c._count._all]));
  return topics
    .map((t) => ({ slug: t.slug, name: t.name, description: t.description, paperCount: countById.get(t.id) ?? 0 }))
    .sort((a, b) => (ORDER.get(a.slug) ?? Infinity) - (ORDER.get(b.slug) ?? Infinity) || a.slug.localeCompare(b.slug));
}

export type TopicResult = { ok: true; topic: TopicSummary & { id: number } } | { ok: false; reason: "notFound" };

/** One topic by slug with its paper count; notFound for slugs not in the taxonomy or not yet stored. */
export async function topicBySlug(slug: string): Promise<TopicResult> {
  if (!topicDefinition(slug)) return { ok: false, reason: "notFound" };
  const topic = await db().topic.findUnique({ where: { slug } });
  if (!topic) return { ok: false, reason: "notFound" };
  const paperCount = await db().paperTopic.count({ where: { topicId: topic.id } });
  return {
    ok: true,
    topic: { id: topic.id, slug: topic.slug, name: topic.name, description: topic.description, paperCount },
  };
}

export type PaperTopic = { slug: string; name: string; evidence: string[] };

/** A paper's topics with the evidence ("why this topic"), in taxonomy order. */
export async function topicsOfPaper(paperId: number): Promise<PaperTopic[]> {
  const rows = await db().paperTopic.findMany({
    where: { paperId },
    select: { evidence: true, topic: { select: { slug: true, name: true } } },
  });
  return rows
    .map((r) => ({ slug: r.topic.slug, name: r.topic.name, evidence: r.evidence }))
    .sort((a, b) => (ORDER.get(a.slug) ?? Infinity) - (ORDER.get(b.slug) ?? Infinity));
}
