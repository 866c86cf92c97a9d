import { expect, test } from "@playwright/test";
import { collectViolations } from "@/tests/helpers/csp-violations";

// Security headers and cross-site checks against the running app (`npm start`,
// production build): what a browser actually receives and enforces.

test.use({
  extraHTTPHeaders: {
    "x-forwarded-for": `198.19.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
  },
});

/** Every page of the app, including error and token pages with bad tokens, and a 404. */
const PAGES = [
  "/",
  "/subscribe",
  "/subscribe/check-email",
  "/confirm?token=bad",
  "/confirm/done",
  "/preferences?token=bad",
  "/preferences/deleted",
  "/unsubscribe?token=bad",
  "/dev/outbox",
  "/no-such-page",
  "/?period=week",
  "/topics",
  "/topics/lmm",
  "/papers/1",
  "/search?q=diffusion",
  "/about",
];

const STATIC_HEADERS = {
  "x-content-type-options": "nosniff",
  "referrer-policy": "strict-origin-when-cross-origin",
  "x-frame-options": "DENY",
  "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  "cross-origin-opener-policy": "same-origin",
};

function nonceOf(csp: string | undefined): string {
  const m = /script-src [^;]*'nonce-([^']+)'/.exec(csp ?? "");
  if (!m) throw new Error(`no script nonce in CSP: ${csp}`);
  return m[1]!;
}

for (const path of PAGES) {
  test(`${path}: security headers, every script allowed by the response's nonce or hashes, no CSP violation`, async ({
    page,
  }) => {
    const violations = collectViolations(page);
    const response = await page.goto(path);
    const headers = response!.headers();
    expect(headers).toMatchObject(STATIC_HEADERS);
    const csp = headers["content-security-policy"];
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    // Browsers hide the nonce attribute after parsing; the property keeps it.
    const nonces = await page
      .locator("script")
      .evaluateAll((scripts) => scripts.map((s) => (s as HTMLScriptElement).nonce));
    expect(nonces.length).toBeGreaterThan(0);
    if (headers["x-paperboy-cache"]) {
      // A cached page (lib/page-cache/): no nonce anywhere; its inline scripts are allowed by hash
      // (tests/e2e/page-cache.spec.ts checks each hash), Next's chunks by 'self'.
      expect(csp).toMatch(/script-src 'self'( 'sha256-[A-Za-z0-9+/]+=*')+;/);
      for (const n of nonces) expect(n).toBe("");
    } else {
      // Rendered for this request: Next stamps the response's nonce on every script it emits.
      const nonce = nonceOf(csp);
      for (const n of nonces) expect(n).toBe(nonce);
    }
    await page.waitForLoadState("networkidle");
    expect(violations).toEqual([]);
  });
}

test("two loads of a page rendered per request get different nonces", async ({ request }) => {
  const a = (await request.get("/search?q=model")).headers()["content-security-policy"];
  const b = (await request.get("/search?q=model")).headers()["content-security-policy"];
  expect(nonceOf(a)).not.toBe(nonceOf(b));
});

test("route handlers and static assets carry the headers too", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.headers()).toMatchObject(STATIC_HEADERS);
  expect(health.headers()["content-security-policy"]).toContain("default-src 'self'");

  const assets: string[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/_next/static/")) assets.push(r.url());
  });
  await page.goto("/");
  await page.waitForLoadState("networkidle");
  expect(assets.length).toBeGreaterThan(0);
  const asset = await request.get(assets[0]!);
  expect(asset.headers()["x-content-type-options"]).toBe("nosniff");
});

test("HSTS is not sent over plain HTTP (APP_URL is http here)", async ({ request }) => {
  expect((await request.get("/")).headers()["strict-transport-security"]).toBeUndefined();
});

test("a form on another site can't post to Paperboy (real browser CSRF attempt)", async ({ page, baseURL }) => {
  // localhost and 127.0.0.1 are different sites: the attacker page lives on the other one.
  const attacker = `${baseURL!.replace("127.0.0.1", "localhost")}/attacker-page`;
  await page.route(attacker, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: `<!doctype html><form method="post" action="${baseURL}/api/subscriptions/subscribe">
        <input name="email" value="victim-${Date.now()}@example.com"><input name="allTopics" value="on"><input name="frequency" value="daily">
        <button>Win a prize</button></form>`,
    }),
  );
  await page.goto(attacker);
  const [response] = await Promise.all([
    page.waitForResponse(`${baseURL}/api/subscriptions/subscribe`),
    page.getByRole("button").click(),
  ]);
  expect(response.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Cross-site request refused" })).toBeVisible();
});

test("requests with a foreign Origin are refused; same-origin and origin-less ones are served", async ({
  request,
  baseURL,
}) => {
  const form = { email: `csrf-${Date.now()}@example.com`, allTopics: "on", frequency: "daily" };
  const foreign = await request.post("/api/subscriptions/subscribe", {
    form,
    headers: { origin: "https://evil.example" },
    maxRedirects: 0,
  });
  expect(foreign.status()).toBe(403);
  const same = await request.post("/api/subscriptions/subscribe", {
    form,
    headers: { origin: baseURL! },
    maxRedirects: 0,
  });
  expect(same.status()).toBe(303);
  for (const path of ["/api/subscriptions/preferences", "/api/subscriptions/confirm"]) {
    expect(
      (await request.post(path, { form: { token: "x" }, headers: { origin: "https://evil.example" } })).status(),
    ).toBe(403);
  }
  // RFC 8058: a provider's one-click POST passes the origin check (here the token is bad, so 400, not 403).
  const oneClick = await request.post("/unsubscribe?token=bad", {
    form: { "List-Unsubscribe": "One-Click" },
    headers: { origin: "https://mail.example" },
  });
  expect(oneClick.status()).toBe(400);
});

test("votes: a cross-site vote is refused; a cookie-less vote counts nothing; the voter cookie is HttpOnly, SameSite=Lax, Path=/", async ({
  request,
  baseURL,
}) => {
  const foreign = await request.post("/papers/1/vote", {
    headers: { origin: "https://evil.example", accept: "application/json" },
  });
  expect(foreign.status()).toBe(403);
  const headers = { origin: baseURL!, accept: "application/json" };
  const cookieless = await request.post("/papers/1/vote", { headers });
  expect(cookieless.status()).toBe(403);
  expect((await cookieless.json()).error.parameter).toBe("voter");
  const identity = await request.post("/api/votes", { headers });
  expect(identity.status()).toBe(200);
  const cookie = identity.headers()["set-cookie"] ?? "";
  expect(cookie).toMatch(/HttpOnly/i);
  expect(cookie).toMatch(/SameSite=Lax/i);
  expect(cookie).toMatch(/Path=\//i);
  expect(cookie).not.toMatch(/Secure/i); // APP_URL is plain http here; https sets Secure (tests/unit/http/origin.test.ts)
  const vote = await request.post("/papers/1/vote", { headers });
  expect(vote.status()).toBe(200);
  expect(await vote.json()).toMatchObject({ voted: true });
  // A cross-site POST to the identity endpoint is refused too.
  expect((await request.post("/api/votes", { headers: { origin: "https://evil.example" } })).status()).toBe(403);
});

test("votes: 100 cookie-less POSTs, and 100 with rotating X-Forwarded-For, add no votes", async ({
  request,
  baseURL,
}) => {
  // A paper no other test votes on (they use ids 1, 3, 4 and the first cards of "newest" views).
  const list = async () =>
    (
      (await (await request.get("/api/papers?period=month&sort=votes&limit=60")).json()) as {
        papers: { id: number; upvotes: number }[];
      }
    ).papers;
  const target = (await list()).filter((p) => ![1, 3, 4].includes(p.id)).at(-1)!;
  const statuses = new Map<number, number>();
  for (let i = 0; i < 200; i++) {
    const json = i % 2 === 1;
    // Mostly the "confirm" button's fields sent straight away; every tenth a plain form post (which is
    // answered with the confirm step and a cookie this client never sends back).
    const body = i % 10 === 0 ? "intent=vote" : "intent=vote&confirm=1";
    // Node's fetch keeps no cookies: every request is a fresh, cookie-less client.
    const response = await fetch(`${baseURL}/papers/${target.id}/vote`, {
      method: "POST",
      redirect: "manual",
      headers: {
        origin: baseURL!,
        "content-type": "application/x-www-form-urlencoded",
        ...(json ? { accept: "application/json" } : {}),
        ...(i >= 100 ? { "x-forwarded-for": `203.0.${i >> 8}.${i & 255}` } : {}),
      },
      body,
    });
    await response.arrayBuffer();
    statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
    expect(response.status, `request ${i}`).not.toBe(303);
    if (json) expect(response.status, `request ${i}`).toBe(403);
  }
  expect(statuses.get(303)).toBeUndefined();
  expect((await list()).find((p) => p.id === target.id)?.upvotes).toBe(target.upvotes);
});

test("the dev outbox still shows email HTML in its sandboxed srcdoc iframe under the CSP", async ({ page }) => {
  const email = `outbox-csp-${Date.now()}@example.com`;
  await page.goto("/subscribe");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/All topics/).check();
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const violations = collectViolations(page);
  await expect
    .poll(async () => {
      await page.goto(`/dev/outbox?to=${encodeURIComponent(email)}`);
      return page.getByTestId("outbox-message").count();
    })
    .toBe(1);
  const frame = page.frameLocator("iframe").first();
  await expect(frame.locator("body")).toContainText(/confirm/i);
  await expect(frame.getByRole("link").first()).toBeVisible();
  expect(violations).toEqual([]);
});
