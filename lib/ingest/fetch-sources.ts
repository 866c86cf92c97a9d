import { parseArxivAtom } from "./arxiv";
import { type FetchOptions, fetchText, Throttle } from "./download";
import { hfItemsToPapers } from "./hf";
import type { NormalizedPaper } from "./paper";
import { type ParseResult, parseJson, type Rejection } from "./parse-result";

// Fetchers for the two network sources. Base URLs come from the caller (the
// env's HF_BASE_URL / ARXIV_BASE_URL in production, a local server in tests).

export type HfPeriod = { date: string } | { week: string } | { month: string };

// The API's page size cap; a day has far fewer papers, a month may have more.
const HF_PAGE_SIZE = 100;
const HF_MAX_PAGES = 50;

/** One HF daily papers period (all its pages), parsed. */
export async function fetchHfDailyPapers(
  period: HfPeriod,
  options: { baseUrl: string } & FetchOptions,
): Promise<ParseResult> {
  const [name, value] = Object.entries(period)[0] as [string, string];
  const items: unknown[] = [];
  for (let page = 0; page < HF_MAX_PAGES; page++) {
    const url = `${options.baseUrl}/api/daily_papers?${name}=${encodeURIComponent(value)}&limit=${HF_PAGE_SIZE}&p=${page}`;
    const response = await fetchText(url, options);
    if (!response.ok) return { ok: false, error: `Hugging Face ${name}=${value}: ${response.error}` };
    const json = parseJson(response.text);
    if (!json.ok) return { ok: false, error: `Hugging Face ${name}=${value}: ${json.error}` };
    if (!Array.isArray(json.value)) {
      return { ok: false, error: `Hugging Face ${name}=${value}: expected a JSON array` };
    }
    items.push(...json.value);
    if (json.value.length < HF_PAGE_SIZE) break;
  }
  return hfItemsToPapers(items, "date" in period ? { date: period.date } : {});
}

export type ArxivQuery = {
  category: string;
  /** YYYY-MM-DD, inclusive (UTC). */
  from: string;
  to: string;
};

// arXiv's terms: no more than one request every three seconds, from one connection.
const arxivThrottles = new Map<string, Throttle>();
export const ARXIV_INTERVAL_MS = 3_000;

export function arxivSearchQuery(q: ArxivQuery): string {
  const day = (d: string) => d.replaceAll("-", "");
  return `cat:${q.category} AND submittedDate:[${day(q.from)}0000 TO ${day(q.to)}2359]`;
}

/**
 * All entries of a category and date range, page by page, at most one request
 * per intervalMs to the same base URL. `onPage` reports progress.
 */
export async function fetchArxiv(
  query: ArxivQuery,
  options: {
    baseUrl: string;
    pageSize?: number;
    intervalMs?: number;
    maxResults?: number;
    onPage?: (done: number, total: number | null) => void;
  } & FetchOptions,
): Promise<ParseResult> {
  const { pageSize = 200, intervalMs = ARXIV_INTERVAL_MS, maxResults = 30_000 } = options;
  let throttle = arxivThrottles.get(options.baseUrl);
  if (!throttle || intervalMs !== ARXIV_INTERVAL_MS) {
    throttle = new Throttle(intervalMs);
    if (intervalMs === ARXIV_INTERVAL_MS) arxivThrottles.set(options.baseUrl, throttle);
  }
  const papers: NormalizedPaper[] = [];
  const rejected: Rejection[] = [];
  const search = encodeURIComponent(arxivSearchQuery(query));
  // The next page starts after what actually came back: arXiv sometimes returns short pages.
  for (let start = 0; start < maxResults; ) {
    await throttle.wait();
    const url =
      `${options.baseUrl}/api/query?search_query=${search}&start=${start}&max_results=${pageSize}` +
      `&sortBy=submittedDate&sortOrder=ascending`;
    const response = await fetchText(url, options);
    if (!response.ok) return { ok: false, error: `arXiv start=${start}: ${response.error}` };
    const feed = parseArxivAtom(response.text);
    if (!feed.result.ok) return { ok: false, error: `arXiv start=${start}: ${feed.result.error}` };
    papers.push(...feed.result.papers);
    rejected.push(...feed.result.rejected);
    const total = feed.totalResults;
    options.onPage?.(start + feed.entries, total);
    if (feed.entries === 0) break;
    if (total !== null ? start + feed.entries >= total : feed.entries < pageSize) break;
    start += feed.entries;
  }
  return { ok: true, papers, rejected };
}
