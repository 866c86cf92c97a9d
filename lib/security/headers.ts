// Security headers. The Content-Security-Policy is built per request in
// proxy.ts because Next's inline bootstrap scripts (`self.__next_f.push(…)`)
// carry page data and can't be hashed ahead of time: a fresh nonce per
// response is the only way to allow them without 'unsafe-inline'. Next reads
// the nonce from the request's CSP header and stamps it on every script it
// emits; 'strict-dynamic' lets those scripts load the chunks they import.
//
// A nonce only exists in a response rendered for that request, so shared
// copies of pages (lib/page-cache/) carry a policy that lists the hashes of
// their inline scripts instead, computed when the copy is rendered with a
// private nonce: docs/how-it-works.md, "Production hardening".

/** Headers that are the same on every response (set in next.config.ts, so static assets get them too). */
export const STATIC_SECURITY_HEADERS: ReadonlyArray<{ key: string; value: string }> = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  // Legacy twin of CSP frame-ancestors 'none' for browsers that ignore CSP.
  { key: "X-Frame-Options", value: "DENY" },
  // Paperboy uses none of these; deny them so injected content can't ask.
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
];

/** One year, as browsers' preload lists expect; only sent when the app is served over HTTPS. */
export const HSTS_VALUE = "max-age=31536000; includeSubDomains";

/**
 * Scripts are allowed either by a per-response nonce (pages rendered for the request) or by the
 * hashes of exactly the inline scripts a cached page carries (lib/page-cache/scripts.ts).
 */
export type CspOptions = ({ nonce: string } | { hashes: readonly string[] }) & { https: boolean; dev?: boolean };

export function contentSecurityPolicy(options: CspOptions): string {
  const { https, dev = false } = options;
  // A nonce page trusts what its nonced scripts load ('strict-dynamic', under which browsers
  // ignore 'self'). A cached page has no nonce: its inline scripts are allowed by hash and Next's
  // chunks (<script src>, and the chunks those load) by 'self', so 'strict-dynamic' is left out.
  // The origin serves no script an attacker controls: user data only ever leaves as HTML-escaped
  // text or JSON, and nosniff stops JSON from running as a script.
  const scripts =
    "nonce" in options ? `'self' 'nonce-${options.nonce}' 'strict-dynamic'` : ["'self'", ...options.hashes].join(" ");
  const directives = [
    "default-src 'self'",
    // In development React needs eval for its error overlays; never in production.
    `script-src ${scripts}${dev ? " 'unsafe-eval'" : ""}`,
    // Inline style attributes are allowed: React Email output (shown in the
    // /dev/outbox srcdoc iframe, which inherits this policy) and the small
    // route-handler pages use them. Styles can't run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ];
  return directives.join("; ");
}

/** 128 random bits, base64: unguessable and valid in a CSP nonce-source. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
