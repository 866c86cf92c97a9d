import type { Sort } from "./schema";
import type { TopicSummary } from "./types";

// Words people read for browse parameters: headings for sorts, names for
// topic slugs. Pure, so pages, components, feeds and metadata share them.

/** The page heading follows the sort. */
export const SORT_HEADINGS: Record<Sort, string> = {
  trending: "Trending papers",
  votes: "Most-voted papers",
  newest: "Newest papers",
};

/** Topic names for slugs, in the order given; an unknown slug stays as typed. */
export function topicNames(slugs: string[], topics: Pick<TopicSummary, "slug" | "name">[]): string[] {
  return slugs.map((s) => topics.find((t) => t.slug === s)?.name ?? s);
}

/** "A", "A or B", "A, B or C": a topic filter matches papers in any of its topics. */
export function orList(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
