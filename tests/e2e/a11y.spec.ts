import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";

// axe-core on the pages the feature specs don't already check (the
// subscription and browse specs check theirs): no serious or critical
// violation anywhere. The dev outbox is checked without its email iframes
// (script-less sandboxes axe can't enter; the emails are checked as HTML in
// their own tests).
const PAGES = [
  "/",
  "/confirm/done",
  "/preferences/deleted",
  "/dev/outbox",
  "/no-such-page",
  "/topics",
  "/about",
  "/listing",
];

for (const path of PAGES) {
  test(`axe: ${path} has no serious or critical violation`, async ({ page }) => {
    await page.goto(path);
    const results = await new AxeBuilder({ page }).exclude("iframe").analyze();
    const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    expect(
      bad.map(
        (v) =>
          `${v.id} (${v.impact}): ${v.nodes
            .map((n) => n.target.join(" "))
            .slice(0, 5)
            .join(", ")}`,
      ),
    ).toEqual([]);
  });
}

test("the home page is indexable, with its public URL as canonical (it is served from the internal /feed/<view> route)", async ({
  page,
  baseURL,
}) => {
  await page.goto("/");
  await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`^${baseURL}/`));
  await expect(page.locator('meta[name="description"]')).toHaveCount(1);
});

test("search result pages are indexable under the normalised query; empty results and later pages are not (lib/papers/search-seo.ts)", async ({
  page,
  baseURL,
}) => {
  await page.goto("/search?q=Diffusion&period=month");
  await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/search?q=diffusion`);
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /matching “Diffusion”/);

  await page.goto("/search?q=zzzz-no-such-word");
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, follow");
  await expect(page.locator('link[rel="canonical"]')).toHaveCount(0);

  await page.goto("/search?q=model");
  const next = page.getByRole("link", { name: /More results/ });
  await next.click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", "noindex, follow");

  await page.goto("/search");
  await expect(page.locator('meta[name="robots"]')).toHaveCount(0);
  await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", `${baseURL}/search`);
});
