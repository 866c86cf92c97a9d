// Whether a /search page may be indexed by search engines, and under which URL.
//
// Product choice: a search for a topic people look for ("mixture of experts",
// "speculative decoding") is a useful landing page, a ranked and highlighted
// list of papers that no other page of the site shows, so result pages are
// indexable, each under one canonical URL: /search?q=<normalised query>
// (whitespace collapsed, lower-cased: full-text search ignores case), with
// topic/period filters and the page cursor dropped, so the many URLs of one
// query count as one page. Not indexed (`noindex, follow`: links on them are
// still followed):
// - pages with no results, no searchable words, or an invalid or expired link
//   (unknown topic, bad cursor): nothing worth finding;
// - pages that show papers with any of the words because none has them all:
//   not results for the query;
// - later result pages (a cursor): cursors embed the day's ranking and expire;
// - queries that look like spam injection: anyone can link to /search?q=…,
//   and the query is echoed in the title and heading, so queries that are
//   long or carry a URL or domain are never indexed, whatever they match.
// The search form itself (/search without a query) is indexable under /search.

/** Longer queries are not indexed (a real search is a few words). */
export const MAX_INDEXED_QUERY_LENGTH = 80;

export type SearchPageState =
  | { kind: "form" }
  | { kind: "invalid" }
  | { kind: "noTerms"; q: string }
  | { kind: "results"; q: string; hits: number; cursor: boolean; anyWord?: boolean };

export type SearchRobots = { index: boolean; canonicalPath: string | null };

/** The canonical form of a query: what the search engine would treat the same. */
export function canonicalQuery(q: string): string {
  return q.replace(/\s+/g, " ").trim().toLowerCase();
}

/** Looks like a link or a domain name ("evil.example", "http://…", "www…"): spam, not a paper search. */
function looksLikeLink(q: string): boolean {
  return /(https?:|www\.|[a-z0-9-]\.[a-z]{2,}\b|@)/i.test(q);
}

export function searchRobots(state: SearchPageState): SearchRobots {
  switch (state.kind) {
    case "form":
      return { index: true, canonicalPath: "/search" };
    case "invalid":
    case "noTerms":
      return { index: false, canonicalPath: null };
    case "results": {
      const q = canonicalQuery(state.q);
      const indexable =
        state.hits > 0 && !state.cursor && !state.anyWord && q.length <= MAX_INDEXED_QUERY_LENGTH && !looksLikeLink(q);
      return indexable
        ? { index: true, canonicalPath: `/search?q=${encodeURIComponent(q).replace(/%20/g, "+")}` }
        : { index: false, canonicalPath: null };
    }
  }
}
