import { env } from "@/lib/env";
import { clientKey } from "@/lib/http/client";
import { cookieAttributes, readCookie, setCookieHeader } from "@/lib/http/cookies";
import { consumeRateLimit } from "@/lib/security/rate-limit";
import { newVoterId, signVoterId, VOTER_COOKIE, VOTER_COOKIE_MAX_AGE, verifyVoterCookie } from "./voter";

// A vote counts only from a voter identity issued beforehand, by a request that
// casts no vote: otherwise every cookie-less request would be a fresh voter and
// a loop of curl calls would buy any count. New identities are rate-limited per
// client address (lib/http/client.ts), so one address holds at most
// VOTER_IDS_PER_HOUR fresh votes per paper per hour.

export const VOTER_IDENTITY_WINDOW_MS = 60 * 60 * 1000;

/** The voter id from the request's signed cookie, or null. */
export function voterFrom(request: Request): string | null {
  return verifyVoterCookie(readCookie(request.headers, VOTER_COOKIE));
}

export type IssuedIdentity =
  | { ok: true; setCookie: string }
  | { ok: false; reason: "rateLimited"; retryAfterMs: number };

/** A new signed voter cookie (as a Set-Cookie value), unless this client has had too many this hour. */
export async function issueVoterIdentity(request: Request): Promise<IssuedIdentity> {
  const limit = await consumeRateLimit(
    clientKey("voter-identity", request.headers),
    env().VOTER_IDS_PER_HOUR,
    VOTER_IDENTITY_WINDOW_MS,
  );
  if (!limit.ok) return { ok: false, reason: "rateLimited", retryAfterMs: limit.retryAfterMs };
  // Secure follows APP_URL, not the request: behind a TLS-terminating proxy the request Next sees is plain http.
  const attributes = cookieAttributes(VOTER_COOKIE_MAX_AGE);
  return { ok: true, setCookie: setCookieHeader(VOTER_COOKIE, signVoterId(newVoterId()), attributes) };
}
