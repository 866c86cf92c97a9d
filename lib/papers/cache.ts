import "server-only";
import { unstable_cache } from "next/cache";
import { feedPage, paperById, relatedPapers, topicPage, topicsWithCounts, type FeedQuery } from "./data";

// The data cache behind the feed, topic and paper pages, the JSON API and the
// Atom feed: each distinct view is queried once per data change, not per
// request. Votes call revalidateTag(PAPERS_TAG) (app/papers/[id]/vote); ingest
// and classification run in the `npm start` supervisor, outside Next, so
// entries also expire after DATA_REVALIDATE_SECONDS. Every cached function
// takes the UTC day as an argument: the trending score changes daily, so the
// day is part of the cache key. Search is never cached (it stays live).

export const PAPERS_TAG = "papers";
export const TOPICS_TAG = "topics";
export const DATA_REVALIDATE_SECONDS = 300;

const options = { tags: [PAPERS_TAG, TOPICS_TAG], revalidate: DATA_REVALIDATE_SECONDS };
const noon = (day: string) => new Date(`${day}T12:00:00Z`);

export const cachedFeedPage = unstable_cache(
  async (query: FeedQuery, today: string) => feedPage(query, noon(today)),
  ["feed-page-v1"],
  options,
);

export const cachedPaper = unstable_cache(
  async (id: number, today: string) => {
    const paper = await paperById(id, noon(today));
    return paper ? { paper, related: await relatedPapers(id, noon(today)) } : null;
  },
  ["paper-v1"],
  options,
);

export const cachedTopics = unstable_cache(async () => topicsWithCounts(), ["topics-v1"], options);

export const cachedTopicPage = unstable_cache(
  async (slug: string, today: string) => topicPage(slug, 30, noon(today)),
  ["topic-page-v1"],
  options,
);
