import { cookies } from "next/headers";
import { type NextRequest, NextResponse } from "next/server";
import { env } from "@/lib/env";
import { clientKey } from "@/lib/http/client";
import { cookieAttributes } from "@/lib/http/cookies";
import { readForm } from "@/lib/http/form";
import { checkSameOrigin } from "@/lib/http/origin";
import { safeReturnPath } from "@/lib/http/same-site";
import { setVote } from "@/lib/papers/mutations";
import { paperIdSchema } from "@/lib/papers/schema";
import {
  newVoterId,
  signVoterId,
  VOTER_COOKIE,
  VOTER_COOKIE_MAX_AGE,
  verifyVoterCookie,
  voterHash,
} from "@/lib/papers/voter";
import { consumeRateLimit } from "@/lib/security/rate-limit";

// POST /papers/:id/vote toggles this browser's vote. A form post (no
// JavaScript) gets a 303 back to the page it came from; fetch with
// Accept: application/json gets { voted, upvotes }.

/** Votes per browser per minute, and per network address (many browsers may share one). */
export const VOTES_PER_VOTER_PER_MINUTE = 30;
export const VOTES_PER_ADDRESS_PER_MINUTE = 300;

function reply(request: NextRequest, status: number, body: object, returnTo: string) {
  const wantsJson = request.headers.get("accept")?.includes("application/json");
  if (wantsJson || status >= 400) return NextResponse.json(body, { status, headers: { "Cache-Control": "no-store" } });
  // A relative Location: the browser resolves it against the page it posted from, whatever host the proxy used.
  return new NextResponse(null, { status: 303, headers: { Location: returnTo, "Cache-Control": "no-store" } });
}

export async function POST(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const id = paperIdSchema.safeParse((await params).id);
  if (!id.success)
    return NextResponse.json({ error: { parameter: "id", message: "must be a paper id" } }, { status: 400 });
  // Cross-site form posts carry no Lax cookie but would still count as a fresh voter.
  if (!checkSameOrigin(request.method, request.headers, env().APP_URL).ok)
    return NextResponse.json({ error: { parameter: "origin", message: "cross-site vote" } }, { status: 403 });

  let returnTo = `/papers/${id.data}`;
  if (request.headers.get("content-type")) {
    const form = await readForm(request);
    if (form.ok) returnTo = safeReturnPath(form.form.get("returnTo"), returnTo);
  }

  const jar = await cookies();
  let voterId = verifyVoterCookie(jar.get(VOTER_COOKIE)?.value);
  const isNewVoter = !voterId;
  voterId ??= newVoterId();
  const hash = voterHash(voterId);

  const limits = await Promise.all([
    consumeRateLimit(`vote:${hash}`, VOTES_PER_VOTER_PER_MINUTE, 60_000),
    consumeRateLimit(clientKey("vote", request.headers), VOTES_PER_ADDRESS_PER_MINUTE, 60_000),
  ]);
  const limited = limits.find((l) => !l.ok);
  if (limited) {
    const res = NextResponse.json(
      { error: { parameter: "rate", message: "too many votes; try again later" } },
      {
        status: 429,
        headers: {
          "Retry-After": String(Math.max(1, Math.ceil(limited.retryAfterMs / 1000))),
          "Cache-Control": "no-store",
        },
      },
    );
    return res;
  }

  const result = await setVote(id.data, hash);
  if (!result.ok) return NextResponse.json({ error: { parameter: "id", message: "no such paper" } }, { status: 404 });
  // No cache invalidation: pages overlay live counts on cached lists (lib/papers/live.ts),
  // so the new count shows everywhere at once while other views keep their cache.

  const res = reply(request, 200, { voted: result.voted, upvotes: result.upvotes }, returnTo);
  if (isNewVoter) {
    // Secure follows APP_URL, not the request: behind a TLS-terminating proxy the request Next sees is plain http.
    res.cookies.set(VOTER_COOKIE, signVoterId(voterId), cookieAttributes(VOTER_COOKIE_MAX_AGE));
  }
  return res;
}
