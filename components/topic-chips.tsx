import type { TopicChip } from "@/lib/papers/types";

export function TopicChips({ topics }: { topics: TopicChip[] }) {
  if (topics.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Topics">
      {topics.map((t) => (
        <li key={t.slug}>
          <a
            href={`/topics/${t.slug}`}
            className="inline-block rounded-full bg-zinc-100 px-2 py-0.5 text-xs text-zinc-700 hover:bg-zinc-200 focus-visible:outline-2 focus-visible:outline-blue-600 dark:bg-zinc-800 dark:text-zinc-300 dark:hover:bg-zinc-700"
          >
            {t.name}
          </a>
        </li>
      ))}
    </ul>
  );
}
