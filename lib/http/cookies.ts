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

/** One cookie's value from a request's Cookie header, or undefined. */
export function readCookie(headers: Headers, name: string): string | undefined {
  for (const part of (headers.get("cookie") ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** A Set-Cookie header value with Paperboy's attributes. The value must be cookie-safe (no ; , or spaces). */
export function setCookieHeader(name: string, value: string, attributes: CookieAttributes): string {
  return [
    `${name}=${value}`,
    `Max-Age=${attributes.maxAge}`,
    `Path=${attributes.path}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(attributes.secure ? ["Secure"] : []),
  ].join("; ");
}
