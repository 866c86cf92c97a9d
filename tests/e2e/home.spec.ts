import { expect, test } from "@playwright/test";

test("the home page lists the demo papers with their code links", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: /DEEM: Diffusion Models Serve as the Eyes/ })).toBeVisible();
  await expect(page.locator("article")).toHaveCount(134);
  const codeLinks = page.getByRole("link", { name: "Code" });
  await expect(codeLinks).toHaveCount(45);
  await expect(codeLinks.first()).toHaveAttribute("href", /^https:\/\/(github|gitlab)\.com\//);
});

test("health reports the app and the database", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", app: "ok", database: { status: "ok", papers: 134 } });
});
