import type { Metadata } from "next";
import Link from "next/link";
import { FeedControls } from "@/components/feed-controls";
import { PaperCard } from "@/components/paper-card";
import { cachedFeedPage, cachedTopics } from "@/lib/papers/cache";
import { todayUtc } from "@/lib/papers/data";
import { DEFAULT_LIMIT, browseQuery, parseBrowseParams } from "@/lib/papers/schema";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const parsed = parseBrowseParams(await searchParams);
  const feedQuery = parsed.ok ? browseQuery({ ...parsed.value, cursor: undefined, limit: undefined }) : "";
  return {
    title: "Trending papers",
    alternates: { types: { "application/atom+xml": `/feed.xml${feedQuery}` } },
  };
}

export default async function HomePage({ searchParams }: { searchParams: SearchParams }) {
  const parsed = parseBrowseParams(await searchParams);
  if (!parsed.ok) {
    return (
      <>
        <h1 className="text-2xl font-bold">Trending papers</h1>
        <p role="alert" className="mt-4">
          The link has an invalid <code>{parsed.error.parameter}</code>: {parsed.error.message}.{" "}
          <Link href="/" className="text-blue-700 underline dark:text-blue-400">
            Show today&apos;s papers
          </Link>
        </p>
      </>
    );
  }
  const params = parsed.value;
  const limit = params.limit ?? DEFAULT_LIMIT;
  const [result, topics] = await Promise.all([
    cachedFeedPage({ period: params.period, date: params.date, topic: params.topic, sort: params.sort, cursor: params.cursor, limit }, todayUtc()),
    cachedTopics(),
  ]);
  if (!result.ok) {
    return (
      <>
        <h1 className="text-2xl font-bold">Trending papers</h1>
        <p role="alert" className="mt-4">
          {result.reason === "unknownTopic" ? `There is no topic “${result.slug}”.` : "This page link has expired."}{" "}
          <Link href="/" className="text-blue-700 underline dark:text-blue-400">
            Show today&apos;s papers
          </Link>
        </p>
      </>
    );
  }
  const { view, papers, nextCursor } = result;
  const returnTo = `/${browseQuery(params)}`;
  const feedQuery = browseQuery({ ...params, cursor: undefined, limit: undefined });
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">Trending papers</h1>
        <p className="text-sm text-zinc-600 dark:text-zinc-400">
          <a href={`/feed.xml${feedQuery}`} className="underline">
            Atom feed
          </a>{" "}
          ·{" "}
          <a href={`/api/papers${feedQuery}`} className="underline">
            JSON
          </a>
        </p>
      </div>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400" data-testid="feed-label">
        {view.label}
        {params.topic.length > 0 && ` · topics: ${params.topic.join(", ")}`}
      </p>
      <FeedControls base="/" params={params} view={view} topics={topics} />
      {papers.length === 0 ? (
        <p className="mt-6">
          No papers in this {view.period}
          {params.topic.length > 0 ? " for these topics" : ""}. Try the previous {view.period} or a longer period.
        </p>
      ) : (
        <div className="mt-2">
          {papers.map((p) => (
            <PaperCard key={p.id} paper={p} returnTo={returnTo} />
          ))}
        </div>
      )}
      <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
        {params.cursor ? (
          <Link href={`/${browseQuery({ ...params, cursor: undefined })}`} className="text-blue-700 underline dark:text-blue-400">
            ← First page
          </Link>
        ) : (
          <span />
        )}
        {nextCursor && (
          <Link href={`/${browseQuery({ ...params, cursor: nextCursor })}`} rel="next" className="text-blue-700 underline dark:text-blue-400">
            More papers →
          </Link>
        )}
      </nav>
    </>
  );
}
