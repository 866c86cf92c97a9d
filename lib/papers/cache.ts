import "server-only";
import { unstable_cache } from "next/cache";
import { dataFreshness } from "@/lib/ingest/freshness";
import {
  feedPage,
  lookupPaper,
  paperById,
  relatedPapers,
  sourceListing,
  TOPIC_PAGE_SIZE,
  topicPage,
  topicsWithCounts,
  topicTrendsBySlug,
} from "./data";
import { withLiveCounts } from "./live";
import { type BrowseParams, feedQuery } from "./schema";
import type { FeedQuery } from "./types";
import { dataVersion } from "./version";

// The data cache behind the feed, topic and paper pages, the JSON API and the
// Atom feed: each distinct view is queried once per data change, not per
// request. Every cached function takes the UTC day as an argument: the
// trending score changes daily, so the day is part of the cache key. Search is
// never cached (it stays live).
//
// Votes do not touch this cache (see lib/papers/live.ts): the load* functions
// below overlay the shown papers' current counts, read fresh, on the cached
// lists, so a voter sees their vote at once on every page and instance. What
// lags is the order: feed and topic lists, whose trending/votes order moves
// with votes, are re-queried in the background every LIST_REVALIDATE_SECONDS
// (a request past that gets the cached list and triggers the refresh, so no
// request waits for it). Ingest and classification run in the `npm start`
// supervisor, outside Next, so every entry also expires after
// DATA_REVALIDATE_SECONDS (the tags are there for a writer inside Next).

export const PAPERS_TAG = "papers";
export const TOPICS_TAG = "topics";
export const DATA_REVALIDATE_SECONDS = 300;
/** How stale a list's order may be after votes (its counts are always live). */
export const LIST_REVALIDATE_SECONDS = 30;

const tags = [PAPERS_TAG, TOPICS_TAG];
const options = { tags, revalidate: DATA_REVALIDATE_SECONDS };
const listOptions = { tags, revalidate: LIST_REVALIDATE_SECONDS };
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

/** unstable_cache with the data version as the first part of every key (read here, so callers never pass it). */
function versioned<A extends unknown[], R>(
  load: (...args: A) => Promise<R>,
  key: string,
  cacheOptions: { tags: string[]; revalidate: number },
): (...args: A) => Promise<R> {
  const cached = unstable_cache(async (_version: string, ...args: A) => load(...args), [key], cacheOptions);
  return async (...args: A) => cached(await dataVersion(), ...args);
}

export const cachedFeedPage = versioned(
  async (query: FeedQuery, today: string) => feedPage(query, noon(today)),
  "feed-page-v2",
  listOptions,
);

export const cachedPaper = versioned(
  async (id: number, today: string) => {
    const paper = await paperById(id, noon(today));
    return paper ? { paper, related: await relatedPapers(id, noon(today)) } : null;
  },
  "paper-v2",
  options,
);

/** Which paper a /papers/<segment> URL names (see lookupPaper); cached like the paper itself. */
export const cachedPaperLookup = versioned(async (segment: string) => lookupPaper(segment), "paper-lookup-v2", options);

export const cachedSourceListing = versioned(async (day: string) => sourceListing(day), "source-listing-v2", options);

export const cachedTopics = versioned(async () => topicsWithCounts(), "topics-v2", options);

/** Papers per week of every topic (lib/topics/trend.ts), by slug; the day keys it like the other views. */
export const cachedTopicTrends = versioned(
  async (today: string) => topicTrendsBySlug(noon(today)),
  "topic-trends-v2",
  options,
);

export const cachedTopicPage = versioned(
  async (slug: string, today: string) => topicPage(slug, TOPIC_PAGE_SIZE, noon(today)),
  "topic-page-v2",
  listOptions,
);

/** A feed view from the cache, with live counts. */
export async function loadFeedPage(query: FeedQuery, today: string) {
  const result = await cachedFeedPage(query, today);
  if (!result.ok) return result;
  const [papers] = await withLiveCounts(result.refDay, result.papers);
  return { ...result, papers };
}

/** Whether the papers are current (the feed's notice); a minute old at most. */
export const cachedFreshness = versioned(async (_today: string) => dataFreshness(), "freshness-v2", {
  tags,
  revalidate: 60,
});

/**
 * What the feed home renders for a view: the page of papers (with live counts), every topic (for the
 * filter) and whether the data is current.
 */
export async function loadFeedHome(params: BrowseParams, today: string) {
  const [result, topics, freshness] = await Promise.all([
    loadFeedPage(feedQuery(params), today),
    cachedTopics(),
    cachedFreshness(today),
  ]);
  return { result, topics, freshness };
}

/** A paper and its related papers from the cache, with live counts. */
export async function loadPaper(id: number, today: string) {
  const data = await cachedPaper(id, today);
  if (!data) return null;
  const [[paper], related] = await withLiveCounts(today, [data.paper], data.related);
  return { paper: paper!, related };
}

/** A topic page from the cache, with live counts. */
export async function loadTopicPage(slug: string, today: string) {
  const data = await cachedTopicPage(slug, today);
  if (!data) return null;
  const [papers] = await withLiveCounts(today, data.papers);
  return { ...data, papers };
}
