import type { IncomingMessage, ServerResponse } from "node:http";
import { localHostPort } from "@/lib/http/node-requests";
import { knownDataVersion } from "@/lib/papers/version";
import { FILL_TOKEN_HEADER } from "./fill";
import { cachedReply, FRONT_DECLINED_HEADER, type PageCacheConfig, pageCache, pageRequest, servePage } from "./index";

// The page cache in the HTTP server in front of Next (lib/runtime/next-server.ts):
// a request for a cacheable page is answered here, before Next routes it, from
// the entry (fresh, or stale while one background render replaces it) or from a
// render made now through Next (a miss, an entry older than the data version,
// a browser that must see a render after its own vote), with a copy compressed
// at fill time. Next itself only renders: through proxy.ts a hit would cost
// Next's routing plus compressing the whole page again per request (Next drops
// a proxy response's Content-Encoding). Requests the cache cannot answer go on
// to Next unchanged, marked so proxy.ts does not ask again.

export type FrontOptions = PageCacheConfig & { https: boolean };

/** Answers req from the page cache when it can (true), else leaves the response to Next (false). */
export async function serveFromPageCache(
  req: IncomingMessage,
  res: ServerResponse,
  options: FrontOptions,
): Promise<boolean> {
  delete req.headers[FRONT_DECLINED_HEADER];
  const method = req.method ?? "GET";
  if ((method !== "GET" && method !== "HEAD") || req.headers[FILL_TOKEN_HEADER] !== undefined) return false;
  const cache = pageCache(options);
  // Until this process has read the data version once (proxy.ts does on its first request), Next answers.
  const version = knownDataVersion();
  const local = localHostPort(req.socket);
  // Origin-form targets only ("/topics"); "//topics" stays a path, never a host.
  if (!cache || version === undefined || !local || !req.url?.startsWith("/")) return false;
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === "string") headers.set(name, value);
    else if (value) for (const v of value) headers.append(name, v);
  const page = pageRequest(method, new URL(`http://front.invalid${req.url}`), headers);
  if (!page) return false;
  const served = await servePage(cache, page.key, {
    headers,
    fill: { origin: `http://${local}`, path: page.fillPath, https: options.https },
    version,
  });
  if (!served) {
    req.headers[FRONT_DECLINED_HEADER] = "1";
    return false;
  }
  const reply = cachedReply({ method, headers }, served, { ...options, precompressed: true });
  res.writeHead(reply.status, Object.fromEntries(reply.headers));
  res.end(reply.body ?? undefined);
  return true;
}
