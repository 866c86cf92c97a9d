import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { cache } from "react";
import { AppLink } from "@/components/app-link";
import { PaperCard } from "@/components/paper-card";
import { TopicTrendChart } from "@/components/topic-trend-chart";
import { cachedTopicTrends, loadTopicPage } from "@/lib/papers/cache";
import { TOPIC_PAGE_DAYS, TOPIC_PAGE_SIZE } from "@/lib/papers/data";
import { topicSlug } from "@/lib/papers/schema";
import { clip, shareMetadata } from "@/lib/seo/metadata";
import { todayUtc } from "@/lib/time";
import { formatShare, TREND_WEEKS } from "@/lib/topics/trend";

// Rendered per request so the page carries the request's CSP nonce (proxy.ts;
// an ISR copy would carry a stale one and every script would be blocked). The
// data comes from the cache (lib/papers/cache.ts); a render costs one query, the live vote counts.
export const dynamic = "force-dynamic";

type Params = Promise<{ slug: string }>;

// One load per request, shared by generateMetadata and the page (React cache):
// also keeps the embedded database (one session) from serving two query chains at once.
// Slugs are lower-case; "/topics/LMM" answers 308 to "/topics/lmm" when that topic exists.
const loadTopic = cache(async (slug: string) => {
  const parsed = topicSlug.safeParse(slug);
  if (!parsed.success) {
    const lower = topicSlug.safeParse(slug.toLowerCase());
    if (lower.success && (await loadTopicPage(lower.data, todayUtc()))) permanentRedirect(`/topics/${lower.data}`);
    return null;
  }
  const today = todayUtc();
  const [data, trends] = await Promise.all([loadTopicPage(parsed.data, today), cachedTopicTrends(today)]);
  return data ? { ...data, trend: trends[data.topic.slug] ?? null } : null;
});

async function load(params: Params) {
  return loadTopic((await params).slug);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const data = await load(params);
  if (!data) return { title: "Topic not found" };
  const { topic, trend } = data;
  const share = trend ? ` ${formatShare(trend.share)} of the last ${TREND_WEEKS} weeks' papers.` : "";
  const meta = shareMetadata({
    title: topic.name,
    description: clip(`${topic.description}${share}`),
    path: `/topics/${topic.slug}`,
    image: `/og/topics/${topic.slug}`,
    imageAlt: `${topic.name}: papers per week over the last ${TREND_WEEKS} weeks`,
  });
  return {
    ...meta,
    alternates: { ...meta.alternates, types: { "application/atom+xml": `/feed.xml?period=month&topic=${topic.slug}` } },
  };
}

export default async function TopicPage({ params }: { params: Params }) {
  const data = await load(params);
  if (!data) notFound();
  const { topic, papers, from, to, trend } = data;
  const returnTo = `/topics/${topic.slug}`;
  const link = "text-blue-700 underline dark:text-blue-400";
  return (
    <>
      <p className="text-sm">
        <AppLink href="/topics" className={link}>
          All topics
        </AppLink>
      </p>
      <h1 className="mt-1 text-2xl font-bold">{topic.name}</h1>
      {topic.description && <p className="mt-1 text-zinc-700 dark:text-zinc-300">{topic.description}</p>}
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="topic-count">
        {topic.count} {topic.count === 1 ? "paper" : "papers"} in this topic in all
        {trend &&
          `; ${trend.papers} in the last ${TREND_WEEKS} weeks, ${formatShare(trend.share)} of all papers featured then`}
        .
      </p>
      <p className="mt-2 flex flex-wrap gap-x-3 text-sm">
        <AppLink href={`/?period=week&topic=${topic.slug}`} className={link}>
          Browse by day, week or month
        </AppLink>
        <AppLink href={`/search?topic=${topic.slug}`} className={link}>
          Search in this topic
        </AppLink>
        <a href={`/feed.xml?period=month&topic=${topic.slug}`} className={link}>
          Atom feed
        </a>
        <a href={`/api/papers?period=month&topic=${topic.slug}`} className={link}>
          JSON
        </a>
      </p>
      {trend && (
        <section aria-labelledby="trend-heading" className="mt-6">
          <h2 id="trend-heading" className="text-lg font-semibold">
            Papers per week, last {TREND_WEEKS} weeks
          </h2>
          <TopicTrendChart name={topic.name} trend={trend} size="large" id="topic-trend" />
        </section>
      )}
      <section aria-labelledby="papers-heading" className="mt-6">
        <h2 id="papers-heading" className="text-lg font-semibold">
          Trending, {from} to {to}
        </h2>
        <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="topic-window-count">
          {papers.length === 0
            ? `No papers in this topic were featured in these ${TOPIC_PAGE_DAYS} days.`
            : papers.length < TOPIC_PAGE_SIZE
              ? `All ${papers.length} of this topic's papers featured in these ${TOPIC_PAGE_DAYS} days, by trending score.`
              : `The ${papers.length} most trending of this topic's papers featured in these ${TOPIC_PAGE_DAYS} days.`}
        </p>
        {papers.map((p) => (
          <PaperCard key={p.id} paper={p} returnTo={returnTo} headingLevel="h3" />
        ))}
      </section>
    </>
  );
}
