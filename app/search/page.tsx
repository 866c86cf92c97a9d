import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { cache } from "react";
import { AppLink } from "@/components/app-link";
import { PaperCard } from "@/components/paper-card";
import { TopicFilter } from "@/components/topic-filter";
import { env } from "@/lib/env";
import { cachedTopics, loadFeedPage } from "@/lib/papers/cache";
import { paperNamedBy } from "@/lib/papers/data";
import { orList, topicNames } from "@/lib/papers/labels";
import { FEED_PERIODS } from "@/lib/papers/period";
import { type BrowseParams, browseQuery, feedQuery, parseBrowseParams, searchQuery } from "@/lib/papers/schema";
import { searchPapers } from "@/lib/papers/search";
import { type SearchPageState, searchRobots } from "@/lib/papers/search-seo";
import { addDays, MONTHS, parseDay, todayUtc } from "@/lib/time";

// Search stays live: never cached.
export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Fewer results per page than the feed: each carries highlighted snippets and the page is rendered per request. */
const SEARCH_PAGE_SIZE = 20;

// One search per request, shared by generateMetadata (which needs to know
// whether there are results, see lib/papers/search-seo.ts) and the page.
// Keyed by the parsed parameters: React's cache compares arguments by identity.
const runSearch = cache(async (key: string) => {
  const params = JSON.parse(key) as BrowseParams & { q: string };
  return searchPapers(searchQuery(params, SEARCH_PAGE_SIZE));
});

// An arXiv id or a link to a paper (arxiv.org, huggingface.co/papers) goes
// straight to that paper's page; when the paper is not here, the page says so,
// links it on arXiv and searches the words as usual.
const findNamedPaper = cache(async (q: string) => paperNamedBy(q));

async function load(searchParams: SearchParams) {
  const parsed = parseBrowseParams(await searchParams);
  const q = parsed.ok ? (parsed.value.q ?? "") : "";
  const named = parsed.ok && q && !parsed.value.cursor ? await findNamedPaper(q) : null;
  if (named?.path) redirect(named.path);
  const result = parsed.ok && q ? await runSearch(JSON.stringify(parsed.value)) : null;
  const state: SearchPageState = !parsed.ok
    ? { kind: "invalid" }
    : !q
      ? { kind: "form" }
      : !result?.ok
        ? { kind: "invalid" }
        : result.status === "noTerms"
          ? { kind: "noTerms", q }
          : {
              kind: "results",
              q,
              hits: result.hits.length,
              cursor: Boolean(parsed.value.cursor),
              anyWord: result.matched === "any",
            };
  return { parsed, q, result, state, missingArxivId: named?.arxivId ?? null };
}

export async function generateMetadata({ searchParams }: { searchParams: SearchParams }): Promise<Metadata> {
  const { q, state } = await load(searchParams);
  const robots = searchRobots(state);
  const short = q.length > 60 ? `${q.slice(0, 60)}…` : q;
  return {
    title: q ? `Search: ${short}` : "Search",
    description:
      state.kind === "results" && state.hits > 0
        ? `AI research papers matching “${short}”: titles, abstracts and authors, ranked by relevance, with code and arXiv links.`
        : "Search trending AI research papers by title, abstract and author, by topic and period.",
    robots: robots.index ? undefined : { index: false, follow: true },
    alternates: robots.canonicalPath ? { canonical: `${env().APP_URL}${robots.canonicalPath}` } : undefined,
  };
}

const PERIOD_LABELS = { day: "Latest day", week: "Latest week", month: "Latest month" } as const;

function Hints() {
  return (
    <ul className="mt-2 list-disc pl-5 text-sm text-zinc-700 dark:text-zinc-300">
      <li>
        Words match any form: <code>quantize</code> finds “quantization”.
      </li>
      <li>
        <code>&quot;vision language&quot;</code> for an exact phrase, <code>-video</code> to exclude a word,{" "}
        <code>or</code> for either.
      </li>
      <li>Titles count most, then abstracts, then authors.</li>
    </ul>
  );
}

const link = "text-blue-700 underline dark:text-blue-400";

/**
 * A search URL. browseQuery leaves out period=day (the feed's default), but a
 * search without a period means any time, so a day search keeps it.
 */
function searchHref(params: Partial<BrowseParams>): string {
  return `/search${browseQuery(params, params.period === "day" ? { period: "day" } : {})}`;
}

/** " in LMM or RAG, in the latest week": the active filters, named. */
function filterPhrase(params: BrowseParams, topics: { slug: string; name: string }[]): string {
  const names = topicNames(params.topic, topics);
  const inTopics = names.length ? ` in ${orList(names)}` : "";
  const period = params.period
    ? params.date
      ? `, the ${params.period} of ${params.date}`
      : `, the latest ${params.period}`
    : "";
  return inTopics + period;
}

/** "3 March 2025": a featured day as the page names it. */
function dayName(day: string): string {
  const d = parseDay(day);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

/** The calendar month before a recency window: where a search that stopped at the window goes on. */
function olderPeriodHref(params: BrowseParams, from: string): string {
  return searchHref({ ...params, cursor: undefined, period: "month", date: addDays(from, -1) });
}

/**
 * What a search covered when it is not plainly "every paper with all the words": papers with any of
 * the words (none has them all), and only the newest papers when the words match too many to rank.
 */
function SearchScopeNotes({
  q,
  params,
  matched,
  range,
  recent,
}: {
  q: string;
  params: BrowseParams;
  matched: "all" | "any";
  range: { from: string; to: string } | null;
  recent: boolean;
}) {
  const words = q.length > 80 ? `${q.slice(0, 80)}…` : q;
  return (
    <>
      {matched === "any" && (
        <p role="status" className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          No paper has all of “{words}”; showing papers with any of them.
        </p>
      )}
      {recent && range && (
        <p role="status" className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">
          These words match many papers: showing the best matches featured {dayName(range.from)} –{" "}
          {dayName(addDays(range.to, -1))}
          {params.topic.length === 0 && !params.period && ", and among the most-voted papers of all time"}. Add words to
          narrow the search, or{" "}
          <AppLink href={olderPeriodHref(params, range.from)} className={link}>
            search the month before
          </AppLink>
          .
        </p>
      )}
    </>
  );
}

/** Links that search again without each active filter. */
function DropFilters({ params }: { params: BrowseParams }) {
  const base = { ...params, cursor: undefined };
  const links = [
    params.topic.length > 0 && { href: searchHref({ ...base, topic: [] }), label: "Search every topic" },
    params.period && {
      href: searchHref({ ...base, period: undefined, date: undefined }),
      label: "Search any time",
    },
  ].filter((l): l is { href: string; label: string } => Boolean(l));
  if (links.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-x-4 text-sm" aria-label="Drop a filter">
      {links.map((l) => (
        <li key={l.href}>
          <AppLink href={l.href} className={link}>
            {l.label}
          </AppLink>
        </li>
      ))}
    </ul>
  );
}

/** "Search in this topic" before any words are typed: the topic's latest papers, to narrow down with words. */
async function TopicBrowse({ params, names, returnTo }: { params: BrowseParams; names: string[]; returnTo: string }) {
  const period = params.period ?? "month";
  const result = await loadFeedPage(
    feedQuery({ ...params, period, sort: "trending", cursor: undefined, limit: SEARCH_PAGE_SIZE }),
    todayUtc(),
  );
  if (!result.ok)
    return (
      <p role="alert" className="mt-6">
        There is no topic “{result.reason === "unknownTopic" ? result.slug : ""}”.
      </p>
    );
  const feed = `/${browseQuery({ period, date: params.date, topic: params.topic, sort: "trending" })}`;
  return (
    <section className="mt-6" aria-labelledby="topic-browse-heading">
      <h2 id="topic-browse-heading" className="text-lg font-semibold">
        Trending in {orList(names)}, {result.view.label}
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        Type words above to search all of {orList(names)}&apos;s papers.{" "}
        <AppLink href={feed} className={link}>
          Browse {orList(names)} by day, week or month
        </AppLink>
      </p>
      {result.papers.length === 0 ? (
        <p className="mt-2">
          No papers in {orList(names)} in {result.view.label}.
        </p>
      ) : (
        result.papers.map((p) => <PaperCard key={p.id} paper={p} returnTo={returnTo} headingLevel="h3" />)
      )}
    </section>
  );
}

export default async function SearchPage({ searchParams }: { searchParams: SearchParams }) {
  const { parsed, q, result, missingArxivId } = await load(searchParams);
  const topics = await cachedTopics();
  const params = parsed.ok ? parsed.value : { topic: [], sort: "trending" as const };
  const returnTo = searchHref(params);

  return (
    <>
      <h1 className="text-2xl font-bold">Search papers</h1>
      {/* biome-ignore lint/a11y/useSemanticElements: role="search" on the form is the landmark all screen readers announce; <search> is not yet */}
      <form action="/search" method="get" className="mt-4 space-y-3" role="search">
        <div className="flex gap-2">
          <label htmlFor="q" className="sr-only">
            Search terms
          </label>
          <input
            id="q"
            name="q"
            type="search"
            defaultValue={q}
            placeholder='e.g. "mixture of experts" -survey'
            className="min-w-0 flex-1 rounded-md border border-zinc-300 bg-white px-3 py-2 dark:border-zinc-700 dark:bg-zinc-900"
          />
          <button
            type="submit"
            className="rounded-md bg-zinc-900 px-4 py-2 font-medium text-white dark:bg-zinc-100 dark:text-zinc-900"
          >
            Search
          </button>
        </div>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            Period
            <select
              name="period"
              defaultValue={params.period ?? ""}
              className="rounded-md border border-zinc-300 bg-white px-2 py-1 dark:border-zinc-700 dark:bg-zinc-900"
            >
              <option value="">Any time</option>
              {FEED_PERIODS.map((p) => (
                <option key={p} value={p}>
                  {PERIOD_LABELS[p]}
                </option>
              ))}
            </select>
          </label>
          {params.date && <input type="hidden" name="date" value={params.date} />}
          {topics.length > 0 && (
            // Folded like the feed's (two dozen checkboxes fill a phone's screen); checkboxes in a
            // closed <details> are still submitted with the form.
            <TopicFilter selected={params.topic.length}>
              <fieldset className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1">
                <legend className="sr-only">Topics</legend>
                {topics.map((t) => (
                  <label key={t.slug} className="flex items-center gap-1">
                    <input type="checkbox" name="topic" value={t.slug} defaultChecked={params.topic.includes(t.slug)} />
                    {t.name}
                  </label>
                ))}
              </fieldset>
            </TopicFilter>
          )}
        </div>
      </form>

      {missingArxivId && (
        <p role="status" className="mt-6">
          arXiv paper {missingArxivId} has not been featured here.{" "}
          <a
            href={`https://arxiv.org/abs/${missingArxivId}`}
            className="text-blue-700 underline dark:text-blue-400"
            rel="noopener noreferrer"
          >
            Open {missingArxivId} on arXiv
          </a>
        </p>
      )}
      {!parsed.ok && (
        <p role="alert" className="mt-6">
          The search link has an invalid <code>{parsed.error.parameter}</code>: {parsed.error.message}.
        </p>
      )}
      {parsed.ok && !q && params.topic.length === 0 && (
        <section className="mt-6" aria-label="How to search">
          <p>Type a few words to search every paper&apos;s title, abstract and authors.</p>
          <Hints />
        </section>
      )}
      {parsed.ok && !q && params.topic.length > 0 && (
        <TopicBrowse params={params} names={topicNames(params.topic, topics)} returnTo={returnTo} />
      )}
      {result && !result.ok && (
        <p role="alert" className="mt-6">
          {result.reason === "unknownTopic"
            ? `There is no topic “${result.slug}”.`
            : "This results link has expired; search again."}
        </p>
      )}
      {result?.ok && result.status === "noTerms" && (
        <section className="mt-6" role="status">
          <p>
            “{q.length > 80 ? `${q.slice(0, 80)}…` : q}” has no searchable words (only very common words or
            punctuation). Try more specific terms.
          </p>
          <Hints />
        </section>
      )}
      {result?.ok && result.status === "results" && (
        <section className="mt-6" aria-labelledby="results-heading">
          <h2 id="results-heading" className="text-lg font-semibold">
            {result.hits.length === 0
              ? `No papers match “${q}”${filterPhrase(params, topics)}`
              : `Results for “${q}”${filterPhrase(params, topics)}${result.nextCursor ? "" : ` (${result.hits.length})`}`}
          </h2>
          <SearchScopeNotes
            q={q}
            params={params}
            matched={result.matched}
            range={result.range}
            recent={result.recent}
          />
          {result.hits.length === 0 && <DropFilters params={params} />}
          {result.hits.length === 0 && <Hints />}
          {result.hits.map((hit) => (
            <PaperCard
              key={hit.id}
              paper={hit}
              returnTo={returnTo}
              titleParts={hit.titleParts}
              snippetParts={hit.snippetParts}
              headingLevel="h3"
            />
          ))}
          {result.nextCursor && (
            <p className="mt-4 text-right text-sm">
              <AppLink
                href={searchHref({ ...params, cursor: result.nextCursor })}
                rel="next"
                className="text-blue-700 underline dark:text-blue-400"
              >
                More results →
              </AppLink>
            </p>
          )}
        </section>
      )}
    </>
  );
}
