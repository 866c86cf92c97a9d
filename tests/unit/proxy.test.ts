import { NextRequest } from "next/server";
import { describe, expect, test } from "vitest";
import { config, proxy } from "@/proxy";

// The proxy runs before every page and route handler in `next start`; here it
// is called directly with the requests a browser (or an attacker's page) sends.
const APP = process.env.APP_URL ?? "http://localhost:3000";
const request = (path: string, init: { method?: string; headers?: Record<string, string> } = {}) =>
  new NextRequest(new URL(path, APP), { method: init.method ?? "GET", headers: init.headers });

function cspNonce(csp: string | null): string {
  const m = /'nonce-([^']+)'/.exec(csp ?? "");
  if (!m) throw new Error(`no nonce in ${csp}`);
  return m[1]!;
}

describe("security headers from the proxy", () => {
  test("every response gets a CSP with a fresh nonce, and Next gets the same policy on the request", async () => {
    const a = await proxy(request("/"));
    const b = await proxy(request("/"));
    const csp = a.headers.get("content-security-policy");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(cspNonce(csp)).not.toBe(cspNonce(b.headers.get("content-security-policy")));
    // NextResponse.next({ request: { headers } }) forwards overridden request headers like this:
    expect(a.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
  });

  test("HSTS only when APP_URL is https (plain-HTTP development and tests must not pin HTTPS)", async () => {
    const hsts = (await proxy(request("/"))).headers.get("strict-transport-security");
    if (APP.startsWith("https://")) expect(hsts).toMatch(/max-age=\d+/);
    else expect(hsts).toBeNull();
  });

  test("the matcher covers pages and API routes but not build assets", async () => {
    const re = new RegExp(`^${config.matcher[0]!}$`);
    for (const p of ["/", "/subscribe", "/api/subscriptions/subscribe", "/feed.xml", "/papers/2403.1"])
      expect(re.test(p), p).toBe(true);
    for (const p of ["/_next/static/chunks/a.js", "/favicon.ico"]) expect(re.test(p), p).toBe(false);
  });
});

describe("cross-site requests", () => {
  const stateChanging = [
    "/api/subscriptions/subscribe",
    "/api/subscriptions/preferences",
    "/api/subscriptions/confirm",
  ];

  test.each(stateChanging)("a cross-site POST to %s is refused with 403 and the CSP", async (path) => {
    const variants: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
      { origin: "https://evil.example" },
      { origin: "null" },
    ];
    for (const headers of variants) {
      const response = await proxy(request(path, { method: "POST", headers }));
      expect(response.status).toBe(403);
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
      expect(response.headers.get("x-middleware-next")).toBeNull();
      expect(await response.text()).toContain("Nothing was changed");
    }
  });

  test.each(stateChanging)("a same-origin POST to %s passes through", async (path) => {
    const response = await proxy(
      request(path, { method: "POST", headers: { "sec-fetch-site": "same-origin", origin: new URL(APP).origin } }),
    );
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });

  test("the RFC 8058 one-click POST is rewritten to the handler even from a foreign origin (the token is the credential)", async () => {
    const response = await proxy(
      request("/unsubscribe?token=1.abc", {
        method: "POST",
        headers: { origin: "https://mail.example", "sec-fetch-site": "cross-site" },
      }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get("x-middleware-rewrite")).toContain("/api/subscriptions/unsubscribe?token=1.abc");
    expect(response.headers.get("content-security-policy")).toBeTruthy();
  });

  test("a feed or search link with an invalid parameter is a 400 naming it, with the API's explanation", async () => {
    for (const path of ["/?period=year", "/search?q=x&limit=0"]) {
      const response = await proxy(request(path));
      expect(response.status, path).toBe(400);
      expect(response.headers.get("content-security-policy")).toBeTruthy();
      expect(await response.text()).toMatch(/link has an invalid (period|limit): /);
    }
    expect((await proxy(request("/?period=week"))).headers.get("x-middleware-rewrite")).toContain("/feed/");
  });

  test("GETs are never refused, even cross-site (they change nothing)", async () => {
    const response = await proxy(request("/unsubscribe?token=x", { headers: { "sec-fetch-site": "cross-site" } }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
  });
});

describe("the page cache in the proxy", () => {
  test("without the request hooks no page is fetched from an address a client wrote: the page renders as usual", async () => {
    const response = await proxy(request("/about", { headers: { "x-paperboy-local": "127.0.0.1:9" } }));
    expect(response.headers.get("x-middleware-next")).toBe("1");
    expect(response.headers.get("x-paperboy-cache")).toBeNull();
    expect(response.headers.get("content-security-policy")).toMatch(/'nonce-[^']+' 'strict-dynamic'/);
  });
});
