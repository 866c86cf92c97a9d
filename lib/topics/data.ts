import { db } from "@/lib/db/client";
import { addDays, isoDate, isoWeek, parseDay } from "@/lib/time";
import { TOPICS, topicDefinition } from "./taxonomy";
import { type TopicTrend, topicTrend, trendWeeks } from "./trend";

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

/**
 * Papers per ISO week over the TREND_WEEKS weeks ending with the week of
 * `lastDay`, per topic (by slug) and for all papers. Two grouped scans of the
 * window's papers (featured_on index), whatever the number of topics.
 */
export async function topicTrends(lastDay: string): Promise<Map<string, TopicTrend>> {
  const lastMonday = isoDate(isoWeek(parseDay(lastDay)).monday);
  const mondays = trendWeeks(lastMonday);
  const from = mondays[0]!;
  const to = addDays(lastMonday, 7);
  const [byTopic, all] = await Promise.all([
    db().$queryRawUnsafe<{ slug: string; week: string; n: number }[]>(
      `SELECT t.slug, to_char(date_trunc('week', p.featured_on::timestamp), 'YYYY-MM-DD') AS week, count(*)::int AS n
         FROM papers p JOIN paper_topics pt ON pt.paper_id = p.id JOIN topics t ON t.id = pt.topic_id
        WHERE p.featured_on >= $1::date AND p.featured_on < $2::date
        GROUP BY 1, 2`,
      from,
      to,
    ),
    db().$queryRawUnsafe<{ week: string; n: number }[]>(
      `SELECT to_char(date_trunc('week', featured_on::timestamp), 'YYYY-MM-DD') AS week, count(*)::int AS n
         FROM papers WHERE featured_on >= $1::date AND featured_on < $2::date
        GROUP BY 1`,
      from,
      to,
    ),
  ]);
  const allByWeek = new Map(all.map((r) => [r.week, r.n]));
  const perTopic = new Map<string, Map<string, number>>();
  for (const r of byTopic) {
    const weeks = perTopic.get(r.slug) ?? new Map<string, number>();
    weeks.set(r.week, r.n);
    perTopic.set(r.slug, weeks);
  }
  const topics = await db().topic.findMany({ select: { slug: true } });
  return new Map(topics.map((t) => [t.slug, topicTrend(mondays, perTopic.get(t.slug) ?? new Map(), allByWeek)]));
}
