import type { Metadata } from "next";
import { AppLink } from "@/components/app-link";
import { cachedTopics } from "@/lib/papers/cache";

// Rendered per request from the data cache: a build-time prerender would show
// the build machine's topics.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Topics" };

export default async function TopicsPage() {
  const topics = await cachedTopics();
  return (
    <>
      <h1 className="text-2xl font-bold">Topics</h1>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        A curated taxonomy. Each paper is matched on its title and abstract; its page shows why.
      </p>
      {topics.length === 0 ? (
        <p className="mt-4">No topics yet.</p>
      ) : (
        <ul className="mt-4 grid gap-3 sm:grid-cols-2">
          {topics.map((t) => (
            <li key={t.slug} className="rounded-md border border-zinc-200 p-3 dark:border-zinc-800">
              <AppLink href={`/topics/${t.slug}`} className="font-semibold text-blue-700 underline dark:text-blue-400">
                {t.name}
              </AppLink>{" "}
              <span className="text-sm text-zinc-600 dark:text-zinc-400">
                ({t.count} {t.count === 1 ? "paper" : "papers"})
              </span>
              {t.description && <p className="mt-1 text-sm text-zinc-700 dark:text-zinc-300">{t.description}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
