// The open read API: GET /api/papers, /api/topics and /feed.xml may be read by
// any site's browser code. `*` without credentials: the responses are public
// and the same for everyone, and a browser never sends cookies with a `*`
// response, so no visitor's session can leak through them. Every other route
// stays same-origin (no CORS headers at all).

export const CORS_HEADERS: Readonly<Record<string, string>> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
  // Readers may send conditional or typed requests; nothing else is read.
  "Access-Control-Allow-Headers": "Accept, Content-Type, If-None-Match, If-Modified-Since",
  "Access-Control-Max-Age": "86400",
};

/** The response with the open-read CORS headers added. */
export function withCors(response: Response): Response {
  for (const [key, value] of Object.entries(CORS_HEADERS)) response.headers.set(key, value);
  return response;
}

/** The answer to a CORS preflight (OPTIONS) on an open-read route. */
export function corsPreflight(): Response {
  return new Response(null, { status: 204, headers: { ...CORS_HEADERS, "Cache-Control": "public, max-age=86400" } });
}
