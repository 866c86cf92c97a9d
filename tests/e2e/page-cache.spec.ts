import { createHash } from "node:crypto";
import { type APIRequestContext, expect, type Page, test } from "@playwright/test";
import { collectViolations, policyViolationEvents } from "@/tests/helpers/csp-violations";

// The page cache (lib/page-cache/) against the running app: what a browser
// and a CDN receive for the cached pages, that the hash-based CSP allows
// exactly the pages' own inline scripts (the page hydrates, no violation), and
// that what must stay live does.

test.use({
  extraHTTPHeaders: {
    "x-forwarded-for": `198.21.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`,
  },
});

const CACHED = ["/", "/?period=week", "/?period=month&topic=lmm", "/topics", "/topics/lmm", "/papers/2", "/about"];
const NEVER_CACHED = [
  "/search?q=model",
  "/subscribe",
  "/subscribe/check-email",
  "/confirm?token=bad",
  "/preferences?token=bad",
  "/unsubscribe?token=bad",
  "/dev/outbox",
];

/** The script-src directive's sources. */
const scriptSources = (csp: string) => (/(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1] ?? "").split(/\s+/);

/** Follows the paper page's redirect to its canonical URL, then asks until the answer comes from the cache. */
async function cachedGet(request: APIRequestContext, path: string) {
  for (let attempt = 0; ; attempt++) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    if (response.headers()["x-paperboy-cache"] !== "miss" || attempt === 3) return response;
  }
}

/** The text of every inline script of an HTML document, as the browser's parser sees it. */
async function inlineScripts(page: Page, html: string): Promise<string[]> {
  return page.evaluate((text) => {
    const doc = new DOMParser().parseFromString(text, "text/html");
    return [...doc.querySelectorAll("script:not([src])")].map((s) => s.textContent ?? "");
  }, html);
}

const sha256 = (text: string) => `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;

for (const path of CACHED) {
  test(`${path}: served from the cache; its CSP lists a hash for every inline script and nothing else; it hydrates without a violation`, async ({
    page,
    request,
  }) => {
    const response = await cachedGet(request, path);
    const headers = response.headers();
    expect(["hit", "stale", "miss"]).toContain(headers["x-paperboy-cache"]);
    expect(headers["cache-control"]).toMatch(/^public, s-maxage=\d+, stale-while-revalidate=\d+$/);
    expect(headers["set-cookie"]).toBeUndefined();
    expect(headers.vary ?? "").not.toMatch(/cookie/i);
    const csp = headers["content-security-policy"]!;
    expect(csp).toContain("frame-ancestors 'none'");
    const sources = scriptSources(csp);
    expect(sources).not.toContain("'unsafe-inline'");
    expect(sources).not.toContain("'unsafe-eval'");
    expect(csp).not.toContain("nonce");
    const html = await response.text();
    expect(html).not.toMatch(/\snonce=/);
    const hashes = (await inlineScripts(page, html)).map(sha256);
    expect(hashes.length).toBeGreaterThan(0);
    expect(new Set(sources.filter((s) => s.startsWith("'sha256-")))).toEqual(new Set(hashes));
    expect(sources.filter((s) => !s.startsWith("'sha256-"))).toEqual(["'self'"]);

    // In Chromium: the cached copy (not a fresh render) loads, hydrates and breaks no rule.
    const violations = collectViolations(page);
    const events = await policyViolationEvents(page);
    const loaded = await page.goto(path);
    expect(loaded!.headers()["x-paperboy-cache"]).toBeDefined();
    await page.waitForLoadState("networkidle");
    // React attaches itself to the document's elements when it hydrates.
    // A 50-card feed takes a while to hydrate on a busy machine; networkidle can come first.
    await expect
      .poll(() => page.evaluate(() => Object.keys(document.body).some((k) => k.startsWith("__react"))), {
        timeout: 20_000,
      })
      .toBe(true);
    expect(violations).toEqual([]);
    expect(events).toEqual([]);
  });
}

test("a cached page answers If-None-Match with 304 and HEAD with its headers only", async ({ request }) => {
  const first = await cachedGet(request, "/about");
  const etag = first.headers().etag!;
  // Strong from the front server (its own bytes), weak through Next (which compresses the body itself).
  expect(etag).toMatch(/^(W\/)?"[\w-]+"$/);
  const again = await request.get("/about", { headers: { "if-none-match": etag } });
  expect(again.status()).toBe(304);
  expect(await again.body()).toHaveLength(0);
  expect(again.headers().etag).toBe(etag);
  const other = await request.get("/about", { headers: { "if-none-match": '"something-else"' } });
  expect(other.status()).toBe(200);
  const head = await request.head("/about");
  expect(head.status()).toBe(200);
  expect(head.headers().etag).toBe(etag);
  expect(head.headers()["content-security-policy"]).toBe(first.headers()["content-security-policy"]);
  expect(await head.body()).toHaveLength(0);
});

test("a fresh cached page is answered before Next, in brotli or gzip compressed once at fill time", async ({
  request,
}) => {
  await cachedGet(request, "/topics/lmm");
  // Fresh, or stale while a background render replaces it: the front answers both from the entry.
  const fromEntry = /^(hit|stale)$/;
  const plain = await request.get("/topics/lmm", { headers: { "accept-encoding": "identity" } });
  expect(plain.headers()["x-paperboy-cache"]).toMatch(fromEntry);
  const html = await plain.text();
  for (const [accept, encoding] of [
    ["gzip, deflate, br, zstd", "br"],
    ["gzip", "gzip"],
  ]) {
    const compressed = await request.get("/topics/lmm", { headers: { "accept-encoding": accept! } });
    expect(compressed.headers()["x-paperboy-cache"]).toMatch(fromEntry);
    expect(compressed.headers()["content-encoding"]).toBe(encoding);
    expect(compressed.headers().vary).toMatch(/Accept-Encoding/);
    expect(compressed.headers().etag).not.toBe(plain.headers().etag);
    // Same page (a background render may have replaced it in between; then it has the same length).
    const text = await compressed.text();
    expect(text === html || text.length === html.length).toBe(true);
  }
});

test("a cached page is the same for a visitor with a voter cookie, and sets none", async ({ browser, request }) => {
  const context = await browser.newContext();
  const voter = await context.request.post("/api/votes", { headers: { accept: "application/json" } });
  expect(voter.status()).toBe(200);
  const before = await cachedGet(request, "/topics");
  const withCookie = await context.request.get("/topics");
  const after = await request.get("/topics");
  expect(withCookie.headers()["x-paperboy-cache"]).toBeDefined();
  expect(withCookie.headers()["set-cookie"]).toBeUndefined();
  // The same cached copy (a background render may replace it in between: Next streams the RSC
  // payload's rows in whatever order they resolve, so each render is different bytes).
  expect([before.headers().etag, after.headers().etag]).toContain(withCookie.headers().etag);
  await context.close();
});

test("pages that must stay live are never cached and keep a per-request nonce", async ({ request }) => {
  for (const path of NEVER_CACHED) {
    const response = await request.get(path);
    const headers = response.headers();
    expect(headers["x-paperboy-cache"], path).toBeUndefined();
    expect(headers["cache-control"] ?? "", path).not.toContain("public");
    expect(headers["content-security-policy"], path).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  }
  for (const path of ["/api/papers", "/api/votes?ids=1", "/feed.xml"])
    expect((await request.get(path)).headers()["x-paperboy-cache"], path).toBeUndefined();
});

test("a vote shows at once on a cached page with JavaScript, and without JavaScript within the promised 30 s", async ({
  browser,
  request,
}) => {
  test.setTimeout(90_000);
  const paper = "/papers/3";
  const canonical = (await cachedGet(request, paper)).url();
  const countOf = (html: string) => Number(/data-testid="vote-count">(\d+)</.exec(html)![1]);
  const before = countOf(await (await request.get(canonical)).text());

  const voter = await browser.newContext();
  const page = await voter.newPage();
  await page.goto(canonical);
  const count = page.locator("article").first().getByTestId("vote-count").first();
  await expect(count).toHaveText(String(before));
  await page
    .getByRole("button", { name: /Upvote/ })
    .first()
    .click();
  await expect(count).toHaveText(String(before + 1));
  await voter.close();

  // Another reader with JavaScript: the cached HTML may be older, the count on screen is current.
  const reader = await browser.newPage();
  await reader.goto(canonical);
  await expect(reader.locator("article").first().getByTestId("vote-count").first()).toHaveText(String(before + 1));
  await reader.close();
  // The HTML itself (what a reader without JavaScript gets) catches up within fresh + stale time.
  await expect
    .poll(async () => countOf(await (await request.get(canonical)).text()), { timeout: 45_000, intervals: [1_000] })
    .toBe(before + 1);
});

test("someone who votes without JavaScript sees their vote at once, not the cached page", async ({
  browser,
  request,
}) => {
  const canonical = (await cachedGet(request, "/papers/5")).url();
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const first = await page.goto(canonical);
  expect(first!.headers()["x-paperboy-cache"]).toBeDefined();
  const count = page.locator("article").first().getByTestId("vote-count").first();
  const before = Number(await count.textContent());
  await page
    .getByRole("button", { name: /Upvote/ })
    .first()
    .click();
  await page.getByRole("button", { name: "Confirm my vote" }).click();
  await expect(page).toHaveURL(`${canonical}#voted-5`);
  await expect(count).toHaveText(String(before + 1));
  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "pb_fresh")).toMatchObject({ httpOnly: true, value: /^5\.[0-9a-z]+$/ });
  // The page was rendered after the vote and replaced the cached copy, for everyone.
  const again = await request.get(canonical);
  expect(again.headers()["x-paperboy-cache"]).toMatch(/^(hit|stale)$/);
  expect(/data-testid="vote-count">(\d+)</.exec(await again.text())?.[1]).toBe(String(before + 1));
  // Pages that do not show the paper are still served from the cache to this browser.
  await cachedGet(request, "/about");
  const other = await page.goto("/about");
  expect(other!.headers()["x-paperboy-cache"]).toMatch(/^(hit|stale)$/);
  await context.close();
});

test("a paper's old URL redirects to its canonical one from the cache, permanently", async ({ request }) => {
  await request.get("/papers/1", { maxRedirects: 0 });
  const moved = await request.get("/papers/1", { maxRedirects: 0 });
  expect(moved.status()).toBe(308);
  expect(moved.headers().location).toMatch(/^\/papers\/p-1-[a-z0-9-]+$/);
  expect(moved.headers()["x-paperboy-cache"]).toMatch(/^(hit|stale|miss)$/);
  expect(moved.headers()["set-cookie"]).toBeUndefined();
});
