import { expect, test } from "@playwright/test";

test("the home page lists the demo papers, 50 per page, with their code links", async ({ page }) => {
  await page.goto("/");
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

test("health reports the app and the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", app: "ok", database: { status: "ok", papers: 134 } });
});
