import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { htmlResponse } from "@/lib/http/html";
import { LOCAL_HEADER, peerStampActive } from "@/lib/http/node-requests";
import { checkSameOrigin, isOriginCheckExempt } from "@/lib/http/origin";
import { cachedResponse, pageCache, pageRequest, servePage } from "@/lib/page-cache";
import { FILL_NONCE_HEADER, FILL_TOKEN_HEADER, fillNonce } from "@/lib/page-cache/fill";
import { encodeFeedView, parseBrowseParams } from "@/lib/papers/schema";
import { contentSecurityPolicy, HSTS_VALUE, newNonce } from "@/lib/security/headers";

// Runs before every page and route handler (not static assets):
// 1. rejects cross-site state-changing requests (lib/http/origin.ts),
// 2. sets a per-request nonce Content-Security-Policy (lib/security/headers.ts)
//    on both the request (Next stamps the nonce on its scripts) and the response,
// 3. RFC 8058: the mail provider POSTs to the very URL in List-Unsubscribe
//    (/unsubscribe?token=…), which is also the page a GET shows. A page can't
//    take a plain form POST, so POSTs are rewritten to the route handler; GETs
//    render the page. The rewrite keeps method, body and query.
// 4. The feed: valid feed URLs ("/?period=week&topic=lmm") are rewritten to the
//    cached /feed/[view] route, so each view is served from the page cache.
//    Invalid parameters on "/" and "/search" answer 400 naming the parameter
//    (a page can't choose its status); app/page.tsx and app/search/page.tsx
//    explain them too when run without the proxy.
// 5. The page cache (lib/page-cache/): anonymous GETs of the feed views, topics,
//    paper and about pages are answered from it, with a CSP that allows their
//    inline scripts by hash. A miss renders the page through this same server
//    with a private fill nonce (fillNonce() recognises that request), which
//    the cache turns into hashes. Under `npm start` the front server
//    (lib/page-cache/front.ts) answers these before Next; this path serves
//    them when Next runs without it (`next start`).
// The headers that never change are set in next.config.ts.
export async function proxy(request: NextRequest) {
  const config = env();
  const https = config.APP_URL.startsWith("https://");
  const dev = config.NODE_ENV === "development";
  const filling = fillNonce(request.headers);
  const csp = contentSecurityPolicy({ nonce: filling ?? newNonce(), https, dev });
  const withSecurityHeaders = (response: Response) => {
    response.headers.set("Content-Security-Policy", csp);
    if (https) response.headers.set("Strict-Transport-Security", HSTS_VALUE);
    return response;
  };

  const { pathname } = request.nextUrl;
  if (!isOriginCheckExempt(pathname)) {
    const verdict = checkSameOrigin(request.method, request.headers, config.APP_URL);
    if (!verdict.ok) {
      return withSecurityHeaders(
        htmlResponse(403, {
          title: "Cross-site request refused",
          paragraphs: ["This form can only be sent from Paperboy's own pages. Nothing was changed."],
          link: { href: "/", label: "Back to Paperboy" },
        }),
      );
    }
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.delete(FILL_TOKEN_HEADER);
  requestHeaders.delete(FILL_NONCE_HEADER);
  const forward = { request: { headers: requestHeaders } };

  // The page cache, for a request that is not itself a fill; the feed's key is its /feed/<view> page
  // (pageRequest maps a request to its key the same way for this path and the front server).
  const cache =
    filling || dev ? null : pageCache({ seconds: config.PAGE_CACHE_SECONDS, megabytes: config.PAGE_CACHE_MB });
  // Only the socket's own address (stamped by instrumentation.ts), never one a client wrote.
  const local = peerStampActive() ? request.headers.get(LOCAL_HEADER) : null;
  const fromCache = async () => {
    const page = cache && local ? pageRequest(request.method, request.nextUrl, request.headers) : null;
    if (!cache || !page) return null;
    const served = await servePage(cache, page.key, {
      headers: request.headers,
      fill: { origin: `http://${local}`, path: page.fillPath, https },
    });
    return served && cachedResponse(request, served, { seconds: config.PAGE_CACHE_SECONDS, https });
  };

  if (pathname === "/unsubscribe" && request.method === "POST") {
    const target = new URL(`/api/subscriptions/unsubscribe${request.nextUrl.search}`, request.url);
    return withSecurityHeaders(NextResponse.rewrite(target, forward));
  }
  if ((pathname === "/" || pathname === "/search") && (request.method === "GET" || request.method === "HEAD")) {
    const parsed = parseBrowseParams(request.nextUrl.searchParams);
    if (!parsed.ok) {
      const { parameter, message } = parsed.error;
      const search = pathname === "/search";
      return withSecurityHeaders(
        htmlResponse(400, {
          title: "This link has an invalid parameter",
          paragraphs: [`The ${search ? "search " : ""}link has an invalid ${parameter}: ${message}.`],
          link: search ? { href: "/search", label: "Search papers" } : { href: "/", label: "Today's papers" },
        }),
      );
    }
    if (pathname === "/" && !parsed.value.q) {
      const url = request.nextUrl.clone();
      url.pathname = `/feed/${encodeFeedView(parsed.value)}`;
      url.search = "";
      const cached = await fromCache();
      if (cached) return cached;
      return withSecurityHeaders(NextResponse.rewrite(url, forward));
    }
  }
  const cached = await fromCache();
  if (cached) return cached;
  return withSecurityHeaders(NextResponse.next(forward));
}

export const config = {
  // Everything except build assets, which carry no markup and get the static headers from next.config.ts.
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
