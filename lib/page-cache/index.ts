import { readCookie } from "@/lib/http/cookies";
import { log } from "@/lib/log";
import { encodeFeedView, parseBrowseParams } from "@/lib/papers/schema";
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

/**
 * Set by the front server (lib/page-cache/front.ts) on a request it passes on after the cache could not
 * answer it (a page that is not cacheable, or whose render failed), so proxy.ts does not try again.
 * The front removes any value a client sent.
 */
export const FRONT_DECLINED_HEADER = "x-paperboy-front-declined";

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
 * The cache key of a request the cache may answer and the path that renders it, else null. "/" with
 * valid feed parameters is its /feed/<view> page (as proxy.ts rewrites it); invalid ones are for
 * proxy.ts to answer (400).
 */
export function pageRequest(method: string, url: URL, headers: Headers): { key: string; fillPath: string } | null {
  if (url.pathname !== "/") {
    const key = cacheKey(method, url.pathname, headers, url.searchParams);
    return key ? { key, fillPath: url.pathname } : null;
  }
  const parsed = parseBrowseParams(url.searchParams);
  if (!parsed.ok || parsed.value.q) return null;
  const key = cacheKey(method, `/feed/${encodeFeedView(parsed.value)}`, headers, url.searchParams);
  return key ? { key, fillPath: `/${url.search}` } : null;
}

/**
 * The cache key of a request that may be served from the cache, else null. pathname is the page
 * that renders it (for the feed, the /feed/<view> that "/?…" is rewritten to); no page under
 * CACHEABLE reads its query string, so it is not part of the key.
 */
export function cacheKey(method: string, pathname: string, headers: Headers, search: URLSearchParams): string | null {
  if (method !== "GET" && method !== "HEAD") return null;
  // The front server already asked the cache for this request and it could not answer.
  if (headers.has(FRONT_DECLINED_HEADER)) return null;
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

/** The stored encoding to send for an Accept-Encoding header: brotli, else gzip, else the plain body. */
export function chooseEncoding(acceptEncoding: string | null): "br" | "gzip" | null {
  const accepted = new Set<string>();
  for (const part of (acceptEncoding ?? "").toLowerCase().split(",")) {
    const [name, ...params] = part.split(";").map((s) => s.trim());
    const q = params.find((p) => p.startsWith("q="));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  if (accepted.has("br") || accepted.has("*")) return "br";
  if (accepted.has("gzip")) return "gzip";
  return null;
}

export type CachedReply = { status: number; headers: Headers; body: Uint8Array | null };

/**
 * The answer for a cached page: 304 when the client has it, no body for HEAD; never a cookie, never
 * Vary on one. With `precompressed`, a client that accepts brotli or gzip gets the copy compressed at
 * fill time (only the front server can send it: Next drops Content-Encoding from a proxy's response
 * and compresses the body itself).
 */
export function cachedReply(
  request: { method: string; headers: Headers },
  served: Served,
  options: { seconds: number; https: boolean; precompressed: boolean },
): CachedReply {
  const { page } = served;
  const encoding =
    options.precompressed && page.encoded ? chooseEncoding(request.headers.get("accept-encoding")) : null;
  const body = encoding && page.encoded ? page.encoded[encoding] : page.body;
  // Each representation has its own strong validator.
  const etag = encoding ? page.etag.replace(/"$/, `-${encoding === "br" ? "br" : "gz"}"`) : page.etag;
  const headers = new Headers([
    ...STATIC_SECURITY_HEADERS.map(({ key, value }): [string, string] => [key, value]),
    ["content-type", page.contentType],
    ["content-security-policy", page.csp],
    ["cache-control", cacheControl(options.seconds)],
    ["etag", etag],
    ["age", String(served.age)],
    ["vary", "RSC, Next-Router-State-Tree, Next-Router-Prefetch, Next-Router-Segment-Prefetch, Accept-Encoding"],
    ["x-paperboy-cache", served.state],
  ]);
  if (options.https) headers.set("strict-transport-security", HSTS_VALUE);
  if (page.location) headers.set("location", page.location);
  if (encoding) headers.set("content-encoding", encoding);
  if (etagMatches(request.headers.get("if-none-match"), etag)) return { status: 304, headers, body: null };
  headers.set("content-length", String(body.byteLength));
  return { status: page.status, headers, body: request.method === "HEAD" ? null : body };
}

/** cachedReply as the Response proxy.ts returns (the plain body: Next compresses it). */
export function cachedResponse(request: Request, served: Served, options: { seconds: number; https: boolean }) {
  const reply = cachedReply(request, served, { ...options, precompressed: false });
  // Next takes only absolute locations from the proxy, and makes same-origin ones relative again.
  const location = reply.headers.get("location");
  if (location) reply.headers.set("location", new URL(location, request.url).href);
  // Next compresses the body on its way out, so the tag can only be a weak one.
  reply.headers.set("etag", `W/${reply.headers.get("etag")}`);
  return new Response(reply.body as BodyInit | null, { status: reply.status, headers: reply.headers });
}

/** The cached page for a request (rendered now on a miss), or null when it has to be rendered per request. */
export async function servePage(
  cache: PageCache,
  key: string,
  request: { headers: Headers; fill: { origin: string; path: string; https: boolean }; version?: string },
): Promise<Served | null> {
  const votes = readFreshVotes(readCookie(request.headers, FRESH_COOKIE), Date.now());
  try {
    return await cache.serve(key, () => fillPage(request.fill), {
      renderedAfter: (page) => renderedAfter(votes, page.paperIds),
      version: request.version ?? (await dataVersion()),
    });
  } catch (error) {
    log.warn("page cache: render failed; rendering per request", { key, error });
    return null;
  }
}

export type { CachedPage };
