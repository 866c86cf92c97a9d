import { expect, test } from "@playwright/test";

// The demo data's latest featured day is 2026-08-21 (prisma/seed/hf-daily-papers-sample.jsonl);
// its most upvoted paper must be on the home page whatever the page's layout.
test("the home page lists the latest day's demo papers with their code links", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /EnvHarness: Awakening Static Worlds for Agent Learning/ })).toBeVisible();
  expect(await page.locator("article").count()).toBeGreaterThan(0);
  const codeLinks = page.getByRole("link", { name: "Code" });
  await expect(codeLinks.first()).toHaveAttribute("href", /^https:\/\/(github|gitlab)\.com\//);
});

test("health reports the app and the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  // 134 listing papers + 806 sample papers.
  expect(await response.json()).toMatchObject({ status: "ok", app: "ok", database: { status: "ok", papers: 940 } });
});
