// Cross-site request check for state-changing requests (CSRF defence), after
// Go's net/http CrossOriginProtection:
// 1. GET/HEAD/OPTIONS never change state here, so they pass.
// 2. Browsers send Sec-Fetch-Site (unforgeable by pages): only "same-origin"
//    (our own forms) and "none" (user-initiated, e.g. a bookmark) pass.
// 3. Older browsers send only Origin: it must be APP_URL's origin or match the
//    Host the request was sent to. "null" (sandboxed frames, data: URLs) fails.
// 4. Neither header: not a browser (curl, a mail provider's one-click POST,
//    a cron runner), so there is no victim browser to forge from: pass.
// Routes that authenticate by token or signature instead of ambient cookies
// (one-click unsubscribe, webhooks, cron) are exempted by the caller.

export type OriginVerdict = { ok: true } | { ok: false; reason: "crossSite" | "badOrigin" };

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

export function checkSameOrigin(method: string, headers: Headers, appUrl: string): OriginVerdict {
  if (SAFE_METHODS.has(method.toUpperCase())) return { ok: true };
  const site = headers.get("sec-fetch-site");
  if (site !== null) {
    return site === "same-origin" || site === "none" ? { ok: true } : { ok: false, reason: "crossSite" };
  }
  const origin = headers.get("origin");
  if (origin === null) return { ok: true };
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return { ok: false, reason: "badOrigin" }; // includes "null"
  }
  if (parsed.origin === new URL(appUrl).origin) return { ok: true };
  const host = headers.get("host");
  return host !== null && parsed.host === host.toLowerCase() ? { ok: true } : { ok: false, reason: "crossSite" };
}

/** Paths whose POSTs carry their own credential (a link token, a signature, a bearer secret) and no cookies. */
export const ORIGIN_CHECK_EXEMPT: readonly RegExp[] = [
  // RFC 8058: mail providers POST the List-Unsubscribe URL themselves, possibly from a webmail origin.
  /^\/unsubscribe\/?$/,
  /^\/api\/subscriptions\/unsubscribe\/?$/,
  /^\/api\/webhooks\//,
  /^\/api\/cron\//,
];

export function isOriginCheckExempt(pathname: string): boolean {
  return ORIGIN_CHECK_EXEMPT.some((re) => re.test(pathname));
}
