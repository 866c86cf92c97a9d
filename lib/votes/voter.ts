import { hmac, randomToken, safeEqual } from "@/lib/security/crypto";

// The anonymous voter: a random id in a signed, http-only cookie. The database
// only ever sees voterHash(id), so a leaked votes table links no browser.

export const VOTER_COOKIE = "pb_voter";
/** One year: a browser keeps its votes until the cookie is cleared. */
export const VOTER_COOKIE_MAX_AGE = 365 * 24 * 3600;

export function newVoterId(): string {
  return randomToken(18);
}

/** Cookie value: "<id>.<signature>". */
export function signVoterId(id: string): string {
  return `${id}.${hmac(`voter-cookie:${id}`)}`;
}

/** The voter id from a cookie value, or null when absent or tampered with. */
export function verifyVoterCookie(value: string | undefined | null): string | null {
  if (!value) return null;
  const dot = value.lastIndexOf(".");
  if (dot <= 0) return null;
  const id = value.slice(0, dot);
  if (!/^[A-Za-z0-9_-]{16,64}$/.test(id)) return null;
  return safeEqual(value.slice(dot + 1), hmac(`voter-cookie:${id}`)) ? id : null;
}

export function voterHash(id: string): string {
  return hmac(`voter-hash:${id}`);
}
