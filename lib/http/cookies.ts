import { env } from "@/lib/env";

// Attributes for every cookie Paperboy sets: unreadable by scripts (HttpOnly),
// HTTPS-only whenever the app is served over HTTPS (Secure), and not sent on
// cross-site subrequests or form posts (SameSite=Lax still allows following a
// link to Paperboy while staying logged into a vote). Path=/ so one cookie
// covers every page.

export type CookieAttributes = { httpOnly: true; secure: boolean; sameSite: "lax"; path: "/"; maxAge: number };

export function cookieAttributes(maxAgeSeconds: number, appUrl = env().APP_URL): CookieAttributes {
  return { httpOnly: true, secure: appUrl.startsWith("https://"), sameSite: "lax", path: "/", maxAge: maxAgeSeconds };
}
