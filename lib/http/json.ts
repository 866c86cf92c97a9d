/** What a request-facing handler in lib/ answers: the route file turns it into a Response. */
export type JsonResult = { status: number; body: unknown };

/** A JSON response no cache keeps (cron, webhook and other machine-to-machine answers). */
export function noStoreJson({ status, body }: JsonResult): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}
