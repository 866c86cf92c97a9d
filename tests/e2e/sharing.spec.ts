import { expect, test } from "@playwright/test";

// Paper addresses, search by id or link, and what a shared link shows.
// The demo data's first listing papers (prisma/seed) include MME-CoT, matched
// to arXiv 2502.09621 by scripts/match-seed.ts; the sample has 2608.* papers.
const MME_COT = "2502.09621";

test.describe("paper URLs", () => {
  test("/papers/<arXiv id> is the paper page; other names answer 308 to it", async ({ request }) => {
    const page = await request.get(`/papers/${MME_COT}`, { maxRedirects: 0 });
    expect(page.status()).toBe(200);
    expect(await page.text()).toContain("MME-CoT");

    const api = (await (await request.get(`/api/papers?q=${MME_COT}`)).json()) as {
      papers: { id: number; url: string }[];
    };
    const paper = api.papers[0]!;
    expect(paper.url).toMatch(new RegExp(`/papers/${MME_COT.replace(".", "\\.")}$`));
    for (const other of [String(paper.id), `${MME_COT}v2`, `arXiv:${MME_COT}`, `p-${paper.id}-mme-cot`]) {
      const moved = await request.get(`/papers/${other}`, { maxRedirects: 0 });
      expect(moved.status(), other).toBe(308);
      expect(moved.headers().location, other).toMatch(new RegExp(`/papers/${MME_COT.replace(".", "\\.")}$`));
    }
  });

  test("a paper without an arXiv id has a slug URL and a Find on arXiv link", async ({ page }) => {
    await page.goto("/?date=2025-03-14&sort=newest&limit=100");
    const croc = page.getByRole("link", { name: /^Croc: Pretraining Large Multimodal Models/ });
    const href = await croc.getAttribute("href");
    expect(href).toMatch(/^\/papers\/p-\d+-croc-pretraining-large-multimodal-models/);
    await croc.click();
    await expect(page).toHaveURL(new RegExp(`${href}$`));
    const find = page.getByRole("link", { name: "Find on arXiv" });
    await expect(find).toHaveAttribute("href", /^https:\/\/arxiv\.org\/search\/\?query=Croc/);
  });

  test("unknown ids are a 404", async ({ request }) => {
    expect((await request.get("/papers/2608.00001", { maxRedirects: 0 })).status()).toBe(404);
    expect((await request.get("/papers/p-99999-x", { maxRedirects: 0 })).status()).toBe(404);
  });
});

test.describe("search by id or link", () => {
  for (const q of [MME_COT, `https://arxiv.org/abs/${MME_COT}v1`, `https://huggingface.co/papers/${MME_COT}`]) {
    test(`${q} goes straight to the paper`, async ({ page }) => {
      await page.goto("/search");
      await page.getByRole("searchbox", { name: "Search terms" }).fill(q);
      await page.getByRole("button", { name: "Search" }).click();
      await expect(page).toHaveURL(new RegExp(`/papers/${MME_COT.replace(".", "\\.")}$`));
      await expect(page.getByRole("heading", { level: 1 })).toContainText("MME-CoT");
    });
  }

  test("an id that is not here says so and links arXiv", async ({ page }) => {
    await page.goto("/search?q=2608.00001");
    await expect(page.getByRole("status").filter({ hasText: "2608.00001" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Open 2608.00001 on arXiv" })).toHaveAttribute(
      "href",
      "https://arxiv.org/abs/2608.00001",
    );
  });
});
