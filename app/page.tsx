import type { Metadata } from "next";
import { FeedView, InvalidFeedLink } from "@/components/feed-view";
import { cachedTopics, loadFeedHome } from "@/lib/papers/cache";
import { parseBrowseParams } from "@/lib/papers/schema";
import { feedMetadata } from "@/lib/seo/metadata";
import { todayUtc } from "@/lib/time";

// Valid feed URLs are rewritten by proxy.ts to the cached /feed/[view] route;
// this page renders what reaches it anyway (invalid links, or no proxy).
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const parsed = parseBrowseParams(await searchParams);
  return feedMetadata(parsed.ok ? parsed.value : null, await cachedTopics());
}

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = parseBrowseParams(await searchParams);
  if (!parsed.ok) return <InvalidFeedLink error={parsed.error} />;
  const { result, topics, freshness } = await loadFeedHome(parsed.value, todayUtc());
  return <FeedView params={parsed.value} result={result} topics={topics} freshness={freshness} />;
}
