import type { ReactNode } from "react";

/** The "Filter by topic" disclosure of the feed and search pages: folded until a topic is chosen. */
export function TopicFilter({ selected, children }: { selected: number; children: ReactNode }) {
  return (
    <details className="w-full rounded-md border border-zinc-200 p-2 dark:border-zinc-800" open={selected > 0}>
      <summary className="cursor-pointer text-sm font-medium">
        Filter by topic{selected > 0 ? ` (${selected} selected)` : ""}
      </summary>
      {children}
    </details>
  );
}
