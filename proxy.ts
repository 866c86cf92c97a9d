import { type NextRequest, NextResponse } from "next/server";
import { encodeFeedView, parseBrowseParams } from "@/lib/papers/schema";

// Rewrites valid feed URLs ("/?period=week&topic=lmm") to the cached
// /feed/[view] route, so the feed is served from the page cache like a static
// page. Invalid parameters fall through to app/page.tsx, which explains them.
export function proxy(request: NextRequest) {
  const parsed = parseBrowseParams(request.nextUrl.searchParams);
  if (!parsed.ok || parsed.value.q) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = `/feed/${encodeFeedView(parsed.value)}`;
  url.search = "";
  return NextResponse.rewrite(url);
}

export const config = { matcher: "/" };
