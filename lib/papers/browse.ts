import "server-only";
import { todayUtc } from "@/lib/time";
import { cachedFeedPage, loadFeedPage } from "./cache";
import { paperItemByArxivId } from "./data";
import { type BrowseParams, DEFAULT_LIMIT, feedQuery, type ParamError, searchQuery } from "./schema";
import { searchPapers } from "./search";
import type { PaperListItem } from "./types";
import { arxivIdInQuery } from "./url";

// One entry point for the machine-readable views (JSON API, Atom feed): a feed
// view, or a search when `q` is given. Pages call the same functions.

/** What a search covered: see SearchResult in ./search. */
export type SearchScope = { matched: "all" | "any"; range: { from: string; to: string } | null; recent: boolean };

export type BrowseResult =
  | {
      ok: true;
      kind: "feed" | "search";
      label: string;
      papers: PaperListItem[];
      nextCursor: string | null;
      search?: SearchScope;
    }
  | { ok: false; error: ParamError };

/** `liveCounts`: overlay current vote counts on a cached feed view (the JSON API shows counts; the Atom feed doesn't). */
export async function browse(params: BrowseParams, options: { liveCounts?: boolean } = {}): Promise<BrowseResult> {
  if (params.q) {
    // An arXiv id or paper link finds that paper, whatever the other filters (the search page redirects to it).
    const named = arxivIdInQuery(params.q);
    const paper = named ? await paperItemByArxivId(named) : null;
    if (paper)
      return {
        ok: true,
        kind: "search",
        label: `Search “${params.q}”`,
        papers: [paper],
        nextCursor: null,
        search: { matched: "all", range: null, recent: false },
      };
    const r = await searchPapers(searchQuery({ ...params, q: params.q }, DEFAULT_LIMIT));
    if (!r.ok) return { ok: false, error: errorFor(r) };
    // Highlight parts are for HTML; machine views get plain fields.
    const papers = r.hits.map(({ rank: _r, titleParts: _t, snippetParts: _s, ...p }) => p);
    if (r.status === "noTerms")
      return { ok: true, kind: "search", label: `Search “${params.q}”`, papers, nextCursor: r.nextCursor };
    const search = { matched: r.matched, range: r.range, recent: r.recent };
    return { ok: true, kind: "search", label: `Search “${params.q}”`, papers, nextCursor: r.nextCursor, search };
  }
  const r = await (options.liveCounts ? loadFeedPage : cachedFeedPage)(feedQuery(params), todayUtc());
  if (!r.ok) return { ok: false, error: errorFor(r) };
  return { ok: true, kind: "feed", label: r.view.label, papers: r.papers, nextCursor: r.nextCursor };
}

function errorFor(r: { reason: "unknownTopic"; slug: string } | { reason: "badCursor" }): ParamError {
  return r.reason === "unknownTopic"
    ? { parameter: "topic", message: `unknown topic "${r.slug}"` }
    : { parameter: "cursor", message: "is not valid for this view (use nextCursor from the same query)" };
}
