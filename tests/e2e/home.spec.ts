import { expect, test } from "@playwright/test";

// The demo data's latest featured day is 2026-08-21 (prisma/seed/hf-daily-papers-sample.jsonl);
// its most upvoted paper must be on the home page whatever the page's layout.
test("the home page lists the latest day's demo papers with their code links", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(
    page.getByRole("heading", { name: /EnvHarness: Awakening Static Worlds for Agent Learning/ }),
  ).toBeVisible();
  expect(await page.locator("article").count()).toBeGreaterThan(0);
  const codeLinks = page.getByRole("link", { name: "Code" });
  await expect(codeLinks.first()).toHaveAttribute("href", /^https:\/\/(github|gitlab)\.com\//);
});

// The seed listing (2025-03-14) has 134 papers, 45 of them with a code repository.
test("a day view pages through all 134 listing papers, 50 per page, with their code links", async ({ page }) => {
  await page.goto("/?period=day&date=2025-03-14");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /DEEM: Diffusion Models Serve as the Eyes/ })).toBeVisible();
  await expect(page.locator("article")).toHaveCount(50);
  const firstCode = page.getByRole("link", { name: "Code", exact: true }).first();
  await expect(firstCode).toHaveAttribute("href", /^https:\/\/(github|gitlab)\.com\//);

  // Follow "More papers" to the end: every demo paper exactly once, and all 45 code links.
  const titles = new Set<string>();
  let codeLinks = 0;
  for (let pageNo = 1; pageNo <= 5; pageNo++) {
    const headings = await page.locator("article h2").allTextContents();
    for (const t of headings) titles.add(t);
    codeLinks += await page.getByRole("link", { name: "Code", exact: true }).count();
    const more = page.getByRole("link", { name: /More papers/ });
    if ((await more.count()) === 0) break;
    const next = await more.getAttribute("href");
    await more.click();
    await page.waitForURL((url) => `${url.pathname}${url.search}` === next);
  }
  expect(titles.size).toBe(134);
  expect(codeLinks).toBe(45);
});

test("health reports the app and the database, and that the demo papers are out of date", async ({ request }) => {
  const response = await request.get("/api/health");
  // Degraded is still 200: the site works, its papers are old.
  expect(response.status()).toBe(200);
  const health = await response.json();
  // 134 listing papers + 806 sample papers.
  expect(health).toMatchObject({ app: "ok", database: { status: "ok", papers: 940 } });
  // The demo papers end on 2026-08-21, and the scheduled ingest cannot reach Hugging Face in tests.
  expect(health.status).toBe("degraded");
  expect(health.reasons).toContain("oldPapers");
  expect(health.data).toMatchObject({ newestDay: "2026-08-21" });
});

test("the feed says quietly that its papers are out of date", async ({ page }) => {
  await page.goto("/");
  const notice = page.getByTestId("stale-notice");
  await expect(notice).toContainText(/The newest papers here were featured on 21 August 2026, \d+ days ago\./);
  await expect(notice).toContainText(/Last successful update: |No update has succeeded yet/);
});
