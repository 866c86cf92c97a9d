import { NextResponse, type NextRequest } from "next/server";

// RFC 8058: the mail provider POSTs to the very URL in List-Unsubscribe
// (/unsubscribe?token=…), which is also the page a GET shows. A page can't take
// a plain form POST, so POSTs are rewritten to the route handler; GETs render
// the page. The rewrite keeps method, body and query.
export function proxy(request: NextRequest) {
  if (request.method === "POST") {
    const target = new URL(`/api/subscriptions/unsubscribe${request.nextUrl.search}`, request.url);
    return NextResponse.rewrite(target);
  }
  return NextResponse.next();
}

export const config = { matcher: "/unsubscribe" };
