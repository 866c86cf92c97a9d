import { AppLink } from "@/components/app-link";
import { FeedControls } from "@/components/feed-controls";
import { PaperCard } from "@/components/paper-card";
import type { Freshness } from "@/lib/ingest/freshness";
import { DEMO_FEATURED_ON } from "@/lib/ingest/seed";
import { orList, SORT_HEADINGS, topicNames } from "@/lib/papers/labels";
import { type BrowseParams, browseQuery, type ParamError } from "@/lib/papers/schema";
import type { FeedResult, TopicSummary } from "@/lib/papers/types";

function Problem({ children }: { children: React.ReactNode }) {
  return (
    <>
      <h1 className="text-2xl font-bold">{SORT_HEADINGS.trending}</h1>
      <p role="alert" className="mt-4">
        {children}{" "}
        <AppLink href="/" className="text-blue-700 underline dark:text-blue-400">
          Show the latest papers
        </AppLink>
      </p>
    </>
  );
}

export function InvalidFeedLink({ error }: { error: ParamError }) {
  return (
    <Problem>
      The link has an invalid <code>{error.parameter}</code>: {error.message}.
    </Problem>
  );
}

/** The feed home for one view (period, date, topics, sort, page); the page loads it with loadFeedHome. */
const DAY = 86_400_000;

function utcTime(iso: string): string {
  const d = new Date(iso);
  return `${d.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" })}, ${iso.slice(11, 16)} UTC`;
}

/** A quiet line when the papers are out of date: how old, and when the last update succeeded. */
export function StaleNotice({ freshness, today }: { freshness: Freshness; today: string }) {
  if (!freshness.stale) return null;
  const parts: string[] = [];
  if (freshness.reasons.includes("oldPapers") && freshness.newestDay) {
    const days = Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${freshness.newestDay}T00:00:00Z`)) / DAY);
    const newest = new Date(`${freshness.newestDay}T00:00:00Z`).toLocaleDateString("en-GB", {
      timeZone: "UTC",
      day: "numeric",
      month: "long",
      year: "numeric",
    });
    parts.push(`The newest papers here were featured on ${newest}, ${days} days ago.`);
  }
  if (freshness.scheduledFailedAt)
    parts.push(`The last scheduled update failed (${utcTime(freshness.scheduledFailedAt)}).`);
  parts.push(
    freshness.lastSuccessAt
      ? `Last successful update: ${utcTime(freshness.lastSuccessAt)}.`
      : "No update has succeeded yet: these are the papers the app was installed with.",
  );
  return (
    <p
      className="mt-2 rounded border border-zinc-200 bg-zinc-50 px-3 py-1.5 text-sm text-zinc-700 dark:border-zinc-800 dark:bg-zinc-900 dark:text-zinc-300"
      data-testid="stale-notice"
    >
      {parts.join(" ")}
    </p>
  );
}

export function FeedView({
  params,
  result,
  topics,
  freshness,
}: {
  params: BrowseParams;
  result: FeedResult;
  topics: TopicSummary[];
  /** Whether the papers are current; out of date, a quiet notice says so. */
  freshness?: Freshness;
}) {
  if (!result.ok) {
    return (
      <Problem>
        {result.reason === "unknownTopic" ? `There is no topic “${result.slug}”.` : "This page link has expired."}
      </Problem>
    );
  }
  const { view, papers, nextCursor } = result;
  const returnTo = `/${browseQuery(params)}`;
  const feedQuery = browseQuery({ ...params, cursor: undefined, limit: undefined });
  const names = topicNames(params.topic, topics);
  const link = "text-blue-700 underline dark:text-blue-400";
  return (
    <>
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-bold">{SORT_HEADINGS[params.sort]}</h1>
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
        {names.length > 0 && ` · ${names.length === 1 ? "topic" : "topics"}: ${names.join(", ")}`}
      </p>
      {freshness && <StaleNotice freshness={freshness} today={result.refDay} />}
      {view.from <= DEMO_FEATURED_ON && DEMO_FEATURED_ON < view.to && (
        <p className="mt-2 text-sm text-zinc-700 dark:text-zinc-300" data-testid="source-listing-note">
          The papers of 14 March 2025 come from a copied Hugging Face listing:{" "}
          <AppLink href="/listing" className={link}>
            see the source listing
          </AppLink>
          .
        </p>
      )}
      <FeedControls base="/" params={params} view={view} topics={topics} />
      {papers.length === 0 ? (
        <div className="mt-6" role="status">
          <p>
            No papers {names.length > 0 ? `in ${orList(names)} ` : ""}were featured in {view.label}.
          </p>
          <ul className="mt-2 list-disc pl-5 text-sm">
            {names.length > 0 && (
              <li>
                <AppLink href={`/${browseQuery({ ...params, topic: [], cursor: undefined })}`} className={link}>
                  Show every topic in {view.label}
                </AppLink>
              </li>
            )}
            {view.period !== "month" && (
              <li>
                <AppLink href={`/${browseQuery({ ...params, period: "month", cursor: undefined })}`} className={link}>
                  Show the whole month
                </AppLink>
              </li>
            )}
            {view.prevDate && (
              <li>
                <AppLink
                  href={`/${browseQuery({ ...params, date: view.prevDate, cursor: undefined })}`}
                  className={link}
                >
                  Show the previous {view.period} with papers
                </AppLink>
              </li>
            )}
          </ul>
        </div>
      ) : (
        <div className="mt-2">
          {papers.map((p) => (
            <PaperCard key={p.id} paper={p} returnTo={returnTo} />
          ))}
        </div>
      )}
      <nav aria-label="Pages" className="mt-4 flex justify-between text-sm">
        {params.cursor ? (
          <AppLink
            href={`/${browseQuery({ ...params, cursor: undefined })}`}
            className="text-blue-700 underline dark:text-blue-400"
          >
            ← First page
          </AppLink>
        ) : (
          <span />
        )}
        {nextCursor && (
          <AppLink
            href={`/${browseQuery({ ...params, cursor: nextCursor })}`}
            rel="next"
            className="text-blue-700 underline dark:text-blue-400"
          >
            More papers →
          </AppLink>
        )}
      </nav>
    </>
  );
}
