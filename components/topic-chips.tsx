import type { TopicChip } from "@/lib/papers/types";

export function TopicChips({ topics }: { topics: TopicChip[] }) {
  if (topics.length === 0) return null;
  return (
    <ul className="mt-2 flex flex-wrap gap-1.5" aria-label="Topics">
      {topics.map((t) => (
        <li key={t.slug}>
          <a href={`/topics/${t.slug}`} className="chip">
            {t.name}
          </a>
        </li>
      ))}
    </ul>
  );
}
