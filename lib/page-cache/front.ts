import type { IncomingMessage, ServerResponse } from "node:http";
import { readCookie } from "@/lib/http/cookies";
import { knownDataVersion } from "@/lib/papers/version";
import { FILL_TOKEN_HEADER } from "./fill";
import { FRESH_COOKIE, readFreshVotes, renderedAfter } from "./fresh";
import { cachedReply, existingPageCache, pageRequest } from "./index";

// The page cache's fast path, in the HTTP server in front of Next
// (lib/runtime/next-server.ts): a request for a page the cache holds fresh is
// answered here, before Next routes it, with the copy compressed at fill time.
// Everything else (a miss, a stale or outdated entry, a browser that needs a
// render after its vote, a fill) goes on to Next, where proxy.ts renders,
// refills and answers as before. A hit here costs a map lookup and a write;
// through Next it costs routing plus compressing the page again per request.

/** Answers req from the cache when it can (true), else leaves it untouched for Next (false). */
export function serveFromPageCache(
  req: IncomingMessage,
  res: ServerResponse,
  options: { seconds: number; https: boolean },
): boolean {
  const cache = existingPageCache();
  const method = req.method ?? "GET";
  if (!cache || (method !== "GET" && method !== "HEAD") || req.headers[FILL_TOKEN_HEADER] !== undefined) return false;
  const version = knownDataVersion();
  if (version === undefined) return false;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const v of value) headers.append(name, v);
  const page = pageRequest(method, new URL(req.url ?? "/", "http://front.invalid"), headers);
  if (!page) return false;
  const votes = readFreshVotes(readCookie(headers, FRESH_COOKIE), Date.now());
  const served = cache.hit(page.key, { version, renderedAfter: (p) => renderedAfter(votes, p.paperIds) });
  if (!served) return false;
  const reply = cachedReply({ method, headers }, served, { ...options, precompressed: true });
  res.writeHead(reply.status, Object.fromEntries(reply.headers));
  res.end(reply.body ?? undefined);
  return true;
}
