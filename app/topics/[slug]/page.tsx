import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { AppLink } from "@/components/app-link";
import { PaperCard } from "@/components/paper-card";
import { loadTopicPage } from "@/lib/papers/cache";
import { topicSlug } from "@/lib/papers/schema";
import { todayUtc } from "@/lib/time";

// Rendered per request so the page carries the request's CSP nonce (proxy.ts;
// an ISR copy would carry a stale one and every script would be blocked). The
// data comes from the cache (lib/papers/cache.ts); a render costs one query, the live vote counts.
export const dynamic = "force-dynamic";

type Params = Promise<{ slug: string }>;

// One load per request, shared by generateMetadata and the page (React cache):
// also keeps the embedded database (one session) from serving two query chains at once.
const loadTopic = cache(async (slug: string) => {
  const parsed = topicSlug.safeParse(slug);
  return parsed.success ? loadTopicPage(parsed.data, todayUtc()) : null;
});

async function load(params: Params) {
  return loadTopic((await params).slug);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const data = await load(params);
  if (!data) return { title: "Topic not found" };
  return {
    title: data.topic.name,
    description: data.topic.description,
    alternates: { types: { "application/atom+xml": `/feed.xml?period=month&topic=${data.topic.slug}` } },
  };
}

export default async function TopicPage({ params }: { params: Params }) {
  const data = await load(params);
  if (!data) notFound();
  const { topic, papers, from, to } = data;
  const returnTo = `/topics/${topic.slug}`;
  return (
    <>
      <p className="text-sm">
        <AppLink href="/topics" className="text-blue-700 underline dark:text-blue-400">
          All topics
        </AppLink>
      </p>
      <h1 className="mt-1 text-2xl font-bold">{topic.name}</h1>
      {topic.description && <p className="mt-1 text-zinc-700 dark:text-zinc-300">{topic.description}</p>}
      <p className="mt-2 text-sm text-zinc-600 dark:text-zinc-400" data-testid="topic-count">
        {topic.count} {topic.count === 1 ? "paper" : "papers"} in this topic
      </p>
      <p className="mt-2 flex flex-wrap gap-x-3 text-sm">
        <AppLink href={`/?period=week&topic=${topic.slug}`} className="text-blue-700 underline dark:text-blue-400">
          Browse by day, week or month
        </AppLink>
        <AppLink href={`/search?topic=${topic.slug}`} className="text-blue-700 underline dark:text-blue-400">
          Search in this topic
        </AppLink>
        <a href={`/feed.xml?period=month&topic=${topic.slug}`} className="text-blue-700 underline dark:text-blue-400">
          Atom feed
        </a>
        <a href={`/api/papers?period=month&topic=${topic.slug}`} className="text-blue-700 underline dark:text-blue-400">
          JSON
        </a>
      </p>
      <h2 className="mt-6 text-lg font-semibold">
        Trending, {from} to {to}
      </h2>
      {papers.length === 0 ? (
        <p className="mt-2">No papers in this topic in the last 30 days.</p>
      ) : (
        papers.map((p) => <PaperCard key={p.id} paper={p} returnTo={returnTo} headingLevel="h3" />)
      )}
    </>
  );
}
