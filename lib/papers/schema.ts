import { z } from "zod";
import { isCalendarDay, isoDate } from "@/lib/time";
import { FEED_PERIODS, type FeedPeriod } from "./period";
import type { FeedQuery, SearchQuery } from "./types";

// Browse parameters, shared by the pages, GET /api/papers and /feed.xml so one
// URL means the same view everywhere.

export const SORTS = ["trending", "votes", "newest"] as const;
export type Sort = (typeof SORTS)[number];

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 100;
/** Longer queries are cut, never rejected: a pasted abstract still searches. */
export const MAX_QUERY_LENGTH = 256;
export const MAX_TOPICS = 20;

/** The first day a date parameter may name: before arXiv (1991) there are no papers to show. */
export const MIN_DAY = "1991-01-01";

/** The last day a date parameter may name: a year after today (UTC), far inside what Postgres dates handle. */
export function maxDay(now = new Date()): string {
  return isoDate(new Date(Date.UTC(now.getUTCFullYear() + 1, now.getUTCMonth(), now.getUTCDate())));
}

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "must be a date YYYY-MM-DD")
  .refine(isCalendarDay, "must be a real calendar date")
  // ISO days compare as strings.
  .refine((v) => v >= MIN_DAY && v <= maxDay(), { error: () => `must be between ${MIN_DAY} and ${maxDay()}` });

/** A paper id in a URL: a positive 32-bit integer. */
export const paperIdSchema = z
  .string()
  .regex(/^[1-9]\d{0,9}$/, "must be a paper id")
  .transform(Number)
  .refine((n) => n <= 2_147_483_647, "must be a paper id");

export const topicSlug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "must be a topic slug (lower-case letters, digits, dashes)");

/**
 * Trims, drops control characters (they are our highlight sentinels) and bidi overrides (the query is
 * shown back on the page: lib/papers/text.ts) and caps the length.
 */
export function normalizeQuery(raw: string): string {
  return (
    raw
      .replace(/[\u202a-\u202e\u2066-\u2069]+/g, "")
      // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
      .replace(/[\u0000-\u001f\u007f]+/g, " ")
      .replace(/\s+/g, " ")
      .trim()
      .slice(0, MAX_QUERY_LENGTH)
      .trim()
  );
}

export const browseParamsSchema = z.object({
  period: z.enum(FEED_PERIODS, { error: "must be one of day, week, month" }).optional(),
  date: day.optional(),
  topic: z.array(topicSlug).max(MAX_TOPICS, `at most ${MAX_TOPICS} topics`).default([]),
  sort: z.enum(SORTS, { error: "must be one of trending, votes, newest" }).default("trending"),
  q: z.string().transform(normalizeQuery).optional(),
  cursor: z
    .string()
    .max(512, "is too long")
    .regex(/^[A-Za-z0-9_-]+$/, "is not a valid cursor")
    .optional(),
  limit: z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_LIMIT, `must be between 1 and ${MAX_LIMIT}`)
    .optional(),
});

export type BrowseParams = {
  /** Absent: a day for the feed, any time for search. */
  period?: FeedPeriod;
  /** Absent: the latest day (or the period containing it) that has papers. */
  date?: string;
  topic: string[];
  sort: Sort;
  q?: string;
  cursor?: string;
  limit?: number;
};

/** The feed query of a view (search parameters aside), with the default page size. */
export function feedQuery(params: BrowseParams): FeedQuery {
  const { period, date, topic, sort, cursor } = params;
  return { period, date, topic, sort, cursor, limit: params.limit ?? DEFAULT_LIMIT };
}

/** The search query of a view with a search term, with the given default page size. */
export function searchQuery(params: BrowseParams & { q: string }, defaultLimit: number): SearchQuery {
  const { q, period, date, topic, cursor } = params;
  return { q, period, date, topic, cursor, limit: params.limit ?? defaultLimit };
}

export type ParamError = { parameter: string; message: string };
export type ParseResult<T> = { ok: true; value: T } | { ok: false; error: ParamError };

type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

function getAll(raw: RawParams, key: string): string[] {
  if (raw instanceof URLSearchParams) return raw.getAll(key);
  const v = raw[key];
  return v === undefined ? [] : Array.isArray(v) ? v : [v];
}

/** Parses query parameters (URLSearchParams or Next's searchParams object). Empty values count as absent. */
export function parseBrowseParams(raw: RawParams): ParseResult<BrowseParams> {
  const first = (key: string) => getAll(raw, key).find((v) => v !== "");
  const topics = getAll(raw, "topic")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  const input = {
    period: first("period"),
    date: first("date"),
    topic: [...new Set(topics)],
    sort: first("sort"),
    q: first("q"),
    cursor: first("cursor"),
    limit: first("limit"),
  };
  const result = browseParamsSchema.safeParse(input);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    return { ok: false, error: { parameter: String(issue.path[0] ?? "query"), message: issue.message } };
  }
  const v = result.data;
  return {
    ok: true,
    value: { ...v, q: v.q === "" ? undefined : v.q },
  };
}

/** The query string of a view; defaults are left out so URLs stay short and canonical. */
export function browseQuery(params: Partial<BrowseParams>, extra: Record<string, string> = {}): string {
  const s = new URLSearchParams();
  if (params.q) s.set("q", params.q);
  if (params.period && params.period !== "day") s.set("period", params.period);
  if (params.date) s.set("date", params.date);
  for (const t of params.topic ?? []) s.append("topic", t);
  if (params.sort && params.sort !== "trending") s.set("sort", params.sort);
  if (params.limit) s.set("limit", String(params.limit));
  if (params.cursor) s.set("cursor", params.cursor);
  for (const [k, v] of Object.entries(extra)) s.set(k, v);
  const text = s.toString();
  return text ? `?${text}` : "";
}

// Keyset cursors: the sort key of the last row plus its tie-breakers, and for
// trending the reference day, so page 2 ranks with the same "today" as page 1;
// a search's cursor also keeps what its first page searched.
const feedCursorSchema = z.object({
  s: z.enum([...SORTS, "relevance"]),
  d: day,
  k: z.union([z.number().finite(), day]),
  r: z.number().int(),
  i: z.number().int().positive(),
  /** Search: the recency window [from, to) the first page ranked (lib/papers/search.ts). */
  w: z.tuple([day, day]).optional(),
  /** Search: 1 when the first page fell back to any of the query's words. */
  a: z.literal(1).optional(),
});
export type Cursor = z.infer<typeof feedCursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

export function decodeCursor(value: string): Cursor | null {
  try {
    const parsed = feedCursorSchema.safeParse(JSON.parse(Buffer.from(value, "base64url").toString("utf8")));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

// The feed's cached route (/feed/[view]) keys a view by its canonical query in
// one path segment. "_" is the default view.
export function encodeFeedView(params: BrowseParams): string {
  const query = browseQuery({ ...params, q: undefined }).slice(1);
  return query ? Buffer.from(query).toString("base64url") : "_";
}

export function decodeFeedView(segment: string): BrowseParams | null {
  if (segment === "_") return { topic: [], sort: "trending" };
  if (!/^[A-Za-z0-9_-]{1,2000}$/.test(segment)) return null;
  const parsed = parseBrowseParams(new URLSearchParams(Buffer.from(segment, "base64url").toString("utf8")));
  return parsed.ok ? parsed.value : null;
}
