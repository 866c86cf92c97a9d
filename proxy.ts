import { NextResponse, type NextRequest } from "next/server";
import { encodeFeedView, parseBrowseParams } from "@/lib/papers/schema";

export function proxy(request: NextRequest) {
  // RFC 8058: the mail provider POSTs to the very URL in List-Unsubscribe
  // (/unsubscribe?token=…), which is also the page a GET shows. A page can't take
  // a plain form POST, so POSTs are rewritten to the route handler; GETs render
  // the page. The rewrite keeps method, body and query.
  if (request.nextUrl.pathname === "/unsubscribe") {
    if (request.method === "POST") {
      const target = new URL(`/api/subscriptions/unsubscribe${request.nextUrl.search}`, request.url);
      return NextResponse.rewrite(target);
    }
    return NextResponse.next();
  }

  // The feed: valid feed URLs ("/?period=week&topic=lmm") are rewritten to the
  // cached /feed/[view] route, so each view is served from the page cache.
  // Invalid parameters fall through to app/page.tsx, which explains them.
  const parsed = parseBrowseParams(request.nextUrl.searchParams);
  if (!parsed.ok || parsed.value.q) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = `/feed/${encodeFeedView(parsed.value)}`;
  url.search = "";
  return NextResponse.rewrite(url);
}

export const config = { matcher: ["/", "/unsubscribe"] };
