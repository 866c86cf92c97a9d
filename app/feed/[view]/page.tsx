import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { FeedView } from "@/components/feed-view";
import { cachedTopics, loadFeedHome } from "@/lib/papers/cache";
import { decodeFeedView } from "@/lib/papers/schema";
import { feedMetadata } from "@/lib/seo/metadata";
import { todayUtc } from "@/lib/time";

// The feed home, one page per view. Public URLs stay "/?period=week&…": proxy.ts
// rewrites them here (the view is the canonical query, base64url), so each view
// has one entry in the data cache (lib/papers/cache.ts) and in the page cache
// (lib/page-cache/, which serves anonymous readers). A render carries the
// request's CSP nonce (proxy.ts) and costs one query, the live vote counts.
export const dynamic = "force-dynamic";

type Params = Promise<{ view: string }>;

// Not noindex: "/" itself is served from here, and a noindex home page drops
// the site from search engines (Lighthouse SEO 60). The public URL is the
// canonical one, so the internal /feed/<view> address is never indexed twice.
export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const parsed = decodeFeedView((await params).view);
  return feedMetadata(parsed, await cachedTopics());
}

export default async function CachedFeedPage({ params }: { params: Params }) {
  const parsed = decodeFeedView((await params).view);
  if (!parsed) notFound();
  const { result, topics, freshness } = await loadFeedHome(parsed, todayUtc());
  return <FeedView params={parsed} result={result} topics={topics} freshness={freshness} />;
}
