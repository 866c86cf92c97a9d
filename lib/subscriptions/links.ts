import { env } from "@/lib/env";
import { hmac, safeEqual } from "@/lib/security/crypto";

// Signed, stable per-subscriber links used in every email. A link is
// `<subscriber id>.<signature>`, the signature an HMAC of the purpose, the id
// and the subscriber's own linkSecret: rotating linkSecret revokes old links,
// deleting the subscriber makes them all dead.

export type LinkPurpose = "unsubscribe" | "preferences";
export type LinkSubject = { id: number; linkSecret: string };

export function signLink(purpose: LinkPurpose, subscriber: LinkSubject): string {
  return `${subscriber.id}.${hmac(`${purpose}:${subscriber.id}:${subscriber.linkSecret}`)}`;
}

/** The subscriber id a token claims, before its signature is checked against the stored linkSecret. */
export function tokenSubscriberId(token: string): number | null {
  const match = /^([1-9]\d{0,9})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? Number(match[1]) : null;
}

export function verifyLink(purpose: LinkPurpose, token: string, subscriber: LinkSubject): boolean {
  return safeEqual(token, signLink(purpose, subscriber));
}

export function unsubscribeUrl(subscriber: LinkSubject): string {
  return `${env().APP_URL}/unsubscribe?token=${encodeURIComponent(signLink("unsubscribe", subscriber))}`;
}

export function preferencesUrl(subscriber: LinkSubject): string {
  return `${env().APP_URL}/preferences?token=${encodeURIComponent(signLink("preferences", subscriber))}`;
}
