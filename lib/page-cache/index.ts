import { readCookie } from "@/lib/http/cookies";
import { log } from "@/lib/log";
import { dataVersion } from "@/lib/papers/version";
import { HSTS_VALUE, STATIC_SECURITY_HEADERS } from "@/lib/security/headers";
import { fillPage } from "./fill";
import { FRESH_COOKIE, readFreshVotes, renderedAfter } from "./fresh";
import { type CachedPage, PageCache, type Served } from "./store";

// The HTML cache for anonymous GETs of the feed views, the topics index, topic
// pages, paper pages and the about page (docs/how-it-works.md, "Page cache").
// proxy.ts asks it before a page is rendered. One cache per server process, in
// memory, bounded by bytes: instances share nothing, and a CDN in front may keep
// the same responses for as long as their Cache-Control says.
//
// Never cached: search, subscription pages, /dev/outbox, API routes and Next's
// own RSC requests (client navigation). A browser that has just voted without
// JavaScript gets pages showing that paper rendered after its vote
// (lib/page-cache/fresh.ts), so its own vote never shows stale.

const CACHEABLE = /^\/(?:about|topics|topics\/[^/]+|papers\/[^/]+|feed\/[^/]+)$/;
// Next's client router fetches RSC payloads for the same URLs; those are not HTML.
const RSC_HEADERS = [
  "rsc",
  "next-router-prefetch",
  "next-router-state-tree",
  "next-router-segment-prefetch",
  "next-action",
];

export type PageCacheConfig = { seconds: number; megabytes: number };

const INSTANCE = Symbol.for("paperboy.pageCache");

/** This process's cache, or null when turned off. */
export function pageCache(config: PageCacheConfig): PageCache | null {
  if (config.seconds === 0) return null;
  const global = globalThis as { [INSTANCE]?: PageCache };
  global[INSTANCE] ??= new PageCache({
    maxBytes: config.megabytes * 1024 * 1024,
    freshMs: config.seconds * 1000,
    staleMs: 2 * config.seconds * 1000,
    onError: (error, key) => log.warn("page cache: background render failed", { key, error }),
  });
  return global[INSTANCE];
}

/**
 * The cache key of a request that may be served from the cache, else null. pathname is the page
 * that renders it (for the feed, the /feed/<view> that "/?…" is rewritten to); no page under
 * CACHEABLE reads its query string, so it is not part of the key.
 */
export function cacheKey(method: string, pathname: string, headers: Headers, search: URLSearchParams): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  if (!CACHEABLE.test(pathname) || search.has("_rsc")) return null;
  if (RSC_HEADERS.some((name) => headers.has(name))) return null;
  return pathname;
}

export function cacheControl(seconds: number): string {
  return `public, s-maxage=${seconds}, stale-while-revalidate=${2 * seconds}`;
}

/** Whether If-None-Match names this entity tag (weak comparison, as RFC 9110 asks for GET). */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, "");
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || bare(tag) === bare(etag));
}

/** The response for a cached page: 304 when the client has it, no body for HEAD; never a cookie, never Vary on one. */
export function cachedResponse(
  request: Request,
  served: Served,
  options: { seconds: number; https: boolean },
): Response {
  const { page } = served;
  const headers = new Headers([
    ...STATIC_SECURITY_HEADERS.map(({ key, value }): [string, string] => [key, value]),
    ["content-type", page.contentType],
    ["content-security-policy", page.csp],
    ["cache-control", cacheControl(options.seconds)],
    ["etag", page.etag],
    ["age", String(served.age)],
    ["vary", "RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch"],
    ["x-paperboy-cache", served.state],
  ]);
  if (options.https) headers.set("strict-transport-security", HSTS_VALUE);
  // Next takes only absolute locations from the proxy, and makes same-origin ones relative again.
  if (page.location) headers.set("location", new URL(page.location, request.url).href);
  if (etagMatches(request.headers.get("if-none-match"), page.etag)) return new Response(null, { status: 304, headers });
  headers.set("content-length", String(page.body.byteLength));
  return new Response(request.method === "HEAD" ? null : (page.body as BodyInit), { status: page.status, headers });
}

/** The cached page for a request (rendered now on a miss), or null when it has to be rendered per request. */
export async function servePage(
  cache: PageCache,
  key: string,
  request: { headers: Headers; fill: { origin: string; path: string; https: boolean } },
): Promise<Served | null> {
  const votes = readFreshVotes(readCookie(request.headers, FRESH_COOKIE), Date.now());
  try {
    return await cache.serve(key, () => fillPage(request.fill), {
      renderedAfter: (page) => renderedAfter(votes, page.paperIds),
      version: await dataVersion(),
    });
  } catch (error) {
    log.warn("page cache: render failed; rendering per request", { key, error });
    return null;
  }
}

export type { CachedPage };
