import type { FeedPeriod } from "./period";
import type { BrowseParams } from "./schema";

// The shapes the papers domain hands to pages, components, the JSON API and the
// feeds. Types only, so presentational code can import them without pulling in
// the data modules. Every field is plain JSON (dates as strings) so results go
// through Next's data cache unchanged.

export type TopicChip = { slug: string; name: string };

export type PaperListItem = {
  id: number;
  arxivId: string | null;
  title: string;
  summary: string;
  authors: string[];
  repoUrl: string | null;
  /** GitHub stars of repoUrl, a snapshot from the source. */
  repoStars: number | null;
  projectUrl: string | null;
  /** Listed as a Hugging Face daily paper (any source but the arXiv API alone): it has a page there when arxivId is known. */
  onHuggingFace: boolean;
  /** ISO timestamp of the first arXiv version, when known. */
  publishedAt: string | null;
  /** "YYYY-MM-DD": the day the paper was featured. */
  featuredOn: string;
  /** The source's upvotes plus local votes: the number shown and ranked on. */
  upvotes: number;
  localVotes: number;
  sourceRank: number;
  /** Trending score (lib/papers/score.ts) on the reference day. */
  score: number;
  topics: TopicChip[];
};

/** The period a feed page shows: its bounds, its label and the neighbouring periods that have papers. */
export type FeedWindow = {
  period: FeedPeriod;
  /** The day the view is anchored on (any day inside the period). */
  date: string;
  from: string;
  /** Exclusive end. */
  to: string;
  label: string;
  /** A day inside the previous / next period that has papers, if any. */
  prevDate: string | null;
  nextDate: string | null;
};

/** A feed view as the data layer reads it: the browse parameters of the view, with the page size settled. */
export type FeedQuery = Pick<BrowseParams, "period" | "date" | "topic" | "sort" | "cursor"> & { limit: number };

export type FeedResult =
  | { ok: true; view: FeedWindow; papers: PaperListItem[]; nextCursor: string | null; refDay: string }
  | { ok: false; reason: "unknownTopic"; slug: string }
  | { ok: false; reason: "badCursor" };

export type PaperTopic = TopicChip & { evidence: string[] };

export type PaperDetail = Omit<PaperListItem, "topics"> & {
  sourceUpvotes: number;
  topics: PaperTopic[];
};

export type TopicSummary = { slug: string; name: string; description: string; count: number };

/** A run of search-result text, highlighted (`mark`) where it matches the query. */
export type SnippetPart = { text: string; mark: boolean };

export type SearchHit = PaperListItem & { rank: number; titleParts: SnippetPart[]; snippetParts: SnippetPart[] };

/** A search as the data layer reads it: the browse parameters of the view (sorted by relevance), with the page size settled. */
export type SearchQuery = Pick<BrowseParams, "period" | "date" | "topic" | "cursor"> & { q: string; limit: number };
