import type { Metadata } from "next";
import { AppLink } from "@/components/app-link";
import { TopicTrendChart } from "@/components/topic-trend-chart";
import { cachedTopics, cachedTopicTrends } from "@/lib/papers/cache";
import { shareMetadata } from "@/lib/seo/metadata";
import { todayUtc } from "@/lib/time";
import { TREND_WEEKS } from "@/lib/topics/trend";

// Rendered per request from the data cache: a build-time prerender would show
// the build machine's topics.
export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return shareMetadata({
    title: "Topics",
    description: `Two dozen AI research topics with papers per week over the last ${TREND_WEEKS} weeks: which are rising, which are fading.`,
    path: "/topics",
  });
}

export default async function TopicsPage() {
  const [topics, trends] = await Promise.all([cachedTopics(), cachedTopicTrends(todayUtc())]);
  return (
    <>
      <h1 className="text-2xl font-bold">Topics</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        A curated taxonomy. Each paper is matched on its title and abstract; its page shows why. The bars are papers per
        week over the last {TREND_WEEKS} weeks, the last four in colour.
      </p>
      {topics.length === 0 ? (
        <p className="mt-4">No topics yet.</p>
      ) : (
        <ul className="mt-4 grid gap-3 sm:grid-cols-2">
          {topics.map((t) => {
            const trend = trends[t.slug];
            return (
              <li key={t.slug} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
                <AppLink
                  href={`/topics/${t.slug}`}
                  className="font-semibold text-blue-700 underline dark:text-blue-400"
                >
                  {t.name}
                </AppLink>{" "}
                <span className="text-sm text-zinc-600 dark:text-zinc-400">
                  ({t.count} {t.count === 1 ? "paper" : "papers"} in all)
                </span>
                {t.description && <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{t.description}</p>}
                {trend && <TopicTrendChart name={t.name} trend={trend} id={`trend-${t.slug}`} />}
              </li>
            );
          })}
        </ul>
      )}
    </>
  );
}
