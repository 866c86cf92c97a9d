import { AppLink } from "@/components/app-link";
import { TopicFilter } from "@/components/topic-filter";
import { FEED_PERIODS } from "@/lib/papers/period";
import { type BrowseParams, browseQuery, SORTS } from "@/lib/papers/schema";
import type { FeedWindow, TopicSummary } from "@/lib/papers/types";

const SORT_LABELS = { trending: "Trending", votes: "Most votes", newest: "Newest" } as const;
const PERIOD_LABELS = { day: "Day", week: "Week", month: "Month" } as const;

const pill = (active: boolean) =>
  `rounded-md px-2.5 py-1 text-sm focus-visible:outline-2 focus-visible:outline-blue-600 ${
    active
      ? "bg-zinc-900 font-semibold text-white dark:bg-zinc-100 dark:text-zinc-900"
      : "text-zinc-700 hover:bg-zinc-100 dark:text-zinc-300 dark:hover:bg-zinc-800"
  }`;

type Props = { base: string; params: BrowseParams; view: FeedWindow; topics: TopicSummary[] };

/** Period tabs, previous/next, sort and topic filter: plain links, so every view has a shareable URL. */
export function FeedControls({ base, params, view, topics }: Props) {
  const href = (change: Partial<BrowseParams>) => `${base}${browseQuery({ ...params, cursor: undefined, ...change })}`;
  return (
    <div className="mt-4 space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <nav aria-label="Period" className="flex gap-1">
          {FEED_PERIODS.map((p) => (
            <AppLink
              key={p}
              href={href({ period: p })}
              className={pill(view.period === p)}
              aria-current={view.period === p ? "page" : undefined}
            >
              {PERIOD_LABELS[p]}
            </AppLink>
          ))}
        </nav>
        <nav aria-label="Sort" className="flex gap-1">
          {SORTS.map((s) => (
            <AppLink
              key={s}
              href={href({ sort: s })}
              className={pill(params.sort === s)}
              aria-current={params.sort === s ? "page" : undefined}
            >
              {SORT_LABELS[s]}
            </AppLink>
          ))}
        </nav>
      </div>
      <nav aria-label="Previous and next" className="flex items-center justify-between text-sm">
        {view.prevDate ? (
          <AppLink
            href={href({ date: view.prevDate })}
            rel="prev"
            className="text-blue-700 underline dark:text-blue-400"
          >
            ← Previous {view.period}
          </AppLink>
        ) : (
          <span />
        )}
        {view.nextDate ? (
          <AppLink
            href={href({ date: view.nextDate })}
            rel="next"
            className="text-blue-700 underline dark:text-blue-400"
          >
            Next {view.period} →
          </AppLink>
        ) : (
          <span />
        )}
      </nav>
      {topics.length > 0 && (
        <TopicFilter selected={params.topic.length}>
          <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Topic filter">
            {topics.map((t) => {
              const selected = params.topic.includes(t.slug);
              const next = selected ? params.topic.filter((s) => s !== t.slug) : [...params.topic, t.slug];
              return (
                <li key={t.slug}>
                  <AppLink
                    href={href({ topic: next })}
                    aria-current={selected ? "true" : undefined}
                    className={`inline-block rounded-full border px-2.5 py-0.5 text-xs focus-visible:outline-2 focus-visible:outline-blue-600 ${
                      selected
                        ? "border-blue-700 bg-blue-700 text-white dark:border-blue-400 dark:bg-blue-400 dark:text-zinc-950"
                        : "border-zinc-300 text-zinc-700 hover:bg-zinc-100 dark:border-zinc-700 dark:text-zinc-300 dark:hover:bg-zinc-800"
                    }`}
                  >
                    {selected && <span className="sr-only">Remove filter: </span>}
                    {t.name}
                  </AppLink>
                </li>
              );
            })}
            {params.topic.length > 0 && (
              <li>
                <AppLink
                  href={href({ topic: [] })}
                  className="inline-block px-2 py-0.5 text-xs text-blue-700 underline dark:text-blue-400"
                >
                  Clear topics
                </AppLink>
              </li>
            )}
          </ul>
        </TopicFilter>
      )}
    </div>
  );
}
