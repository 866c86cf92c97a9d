import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

/** axe-core: no serious or critical violation (as tests/e2e/a11y.spec.ts). */
async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

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
    await expect(page).toHaveURL(new RegExp(`${href}$`), { timeout: 15_000 });
    // The paper's own links come first; related papers follow with theirs.
    const find = page.getByRole("link", { name: "Find on arXiv" }).first();
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
      const main = page.getByRole("main");
      await main.getByRole("searchbox", { name: "Search terms" }).fill(q);
      await main.getByRole("button", { name: "Search" }).click();
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

test.describe("shared links: canonical URL, Open Graph and Twitter card on every page", () => {
  const PAGES: [string, RegExp | null][] = [
    ["/", /\/$/],
    ["/?period=week&sort=votes", /\/\?period=week&sort=votes$/],
    ["/topics", /\/topics$/],
    ["/topics/lmm", /\/topics\/lmm$/],
    [`/papers/${MME_COT}`, /\/papers\/2502\.09621$/],
    ["/about", /\/about$/],
    ["/listing", /\/listing$/],
    ["/subscribe", /\/subscribe$/],
    ["/search?q=diffusion", /\/search\?q=diffusion$/],
    ["/no-such-page", null],
  ];
  for (const [path, canonical] of PAGES) {
    test(`${path}`, async ({ page, baseURL }) => {
      await page.goto(path);
      const meta = (key: string) => page.locator(`meta[property="${key}"], meta[name="${key}"]`).first();
      await expect(meta("og:title")).toHaveAttribute("content", /\S/);
      await expect(meta("og:description")).toHaveAttribute("content", /\S/);
      await expect(meta("og:site_name")).toHaveAttribute("content", "Paperboy");
      await expect(meta("og:image")).toHaveAttribute("content", new RegExp(`^${baseURL}/og/`));
      await expect(meta("og:image:width")).toHaveAttribute("content", "1200");
      await expect(meta("twitter:card")).toHaveAttribute("content", "summary_large_image");
      await expect(meta("twitter:image")).toHaveAttribute("content", new RegExp(`^${baseURL}/og/`));
      if (canonical) {
        await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", canonical);
        await expect(page.locator('link[rel="canonical"]')).toHaveAttribute("href", new RegExp(`^${baseURL}/`));
      }
    });
  }

  test("paper and topic pages have their own generated share image, a PNG", async ({ page, request, baseURL }) => {
    for (const [path, image] of [
      [`/papers/${MME_COT}`, `/og/papers/${MME_COT}`],
      ["/topics/lmm", "/og/topics/lmm"],
    ] as const) {
      await page.goto(path);
      await expect(page.locator('meta[property="og:image"]')).toHaveAttribute("content", `${baseURL}${image}`);
      const res = await request.get(image);
      expect(res.status(), image).toBe(200);
      expect(res.headers()["content-type"]).toBe("image/png");
      const png = await res.body();
      expect(png.subarray(1, 4).toString()).toBe("PNG");
      // 1200×630, from the IHDR chunk.
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1200, 630]);
    }
    expect((await request.get("/og/site")).headers()["content-type"]).toBe("image/png");
    expect((await request.get("/og/papers/2608.00001")).status()).toBe(404);
  });

  test("robots.txt and sitemap.xml", async ({ request, baseURL }) => {
    expect(await (await request.get("/robots.txt")).text()).toContain(`Sitemap: ${baseURL}/sitemap.xml`);
    const sitemap = await (await request.get("/sitemap.xml")).text();
    expect(sitemap).toContain(`<loc>${baseURL}/papers/${MME_COT}</loc>`);
    expect(sitemap).toContain(`<loc>${baseURL}/topics/lmm</loc>`);
  });

  test("the open read API answers another origin", async ({ request }) => {
    for (const path of ["/api/papers", "/api/topics", "/feed.xml"]) {
      const res = await request.get(path, { headers: { Origin: "https://elsewhere.example" } });
      expect(res.headers()["access-control-allow-origin"], path).toBe("*");
      const preflight = await request.fetch(path, {
        method: "OPTIONS",
        headers: { Origin: "https://elsewhere.example", "Access-Control-Request-Method": "GET" },
      });
      expect(preflight.status(), path).toBe(204);
    }
  });
});

test.describe("topic trends", () => {
  // axe walks pages of 26-bar charts, tables and 20 or more cards: 19 s alone, over 30 s on a busy machine.
  test.describe.configure({ timeout: 90_000 });

  test("a topic page charts 26 weeks, with the numbers as a table; /api/topics has them too", async ({
    page,
    request,
  }) => {
    await page.goto("/topics/lmm");
    const chart = page.getByTestId("topic-trend");
    const svg = chart.getByRole("img");
    await expect(svg).toHaveAccessibleName(/in the last 26 weeks, \d+(\.\d)?% of all papers/);
    await expect(svg.locator("rect")).toHaveCount(26);
    const table = chart.getByRole("table");
    await expect(table).toBeHidden();
    await chart.getByText(/Papers per week.*as a table/).click();
    await expect(table).toBeVisible();
    await expect(table.locator("tbody tr")).toHaveCount(26);
    const api = (await (await request.get("/api/topics")).json()) as {
      topics: { slug: string; url: string; trend: { weeks: { week: string; papers: number }[]; papers: number } }[];
    };
    const lmm = api.topics.find((t) => t.slug === "lmm")!;
    expect(lmm.trend.weeks).toHaveLength(26);
    const last = lmm.trend.weeks.at(-1)!;
    await expect(table.locator("tbody tr").last().locator("td").first()).toHaveText(String(last.papers));
    await expect(page.getByTestId("topic-count")).toContainText(`${lmm.trend.papers} in the last 26 weeks`);
    await expectNoSeriousA11yViolations(page);
  });

  test("/topics shows a chart per topic", async ({ page }) => {
    await page.goto("/topics");
    const charts = page.getByTestId("topic-trend");
    expect(await charts.count()).toBeGreaterThanOrEqual(20);
    await expect(charts.first().getByRole("img")).toHaveAccessibleName(/26 weeks/);
    await expectNoSeriousA11yViolations(page);
  });

  test("screenshots: a topic page with its chart (desktop and phone) and its share image", async ({ browser }) => {
    const dir = path.join(process.cwd(), ".data", "screenshots");
    mkdirSync(dir, { recursive: true });
    for (const [name, width, height] of [
      ["desktop", 1280, 900],
      ["phone", 390, 844],
    ] as const) {
      const context = await browser.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      await page.goto("/topics/lmm");
      // The first screen (heading, counts, chart), then the chart with its table opened.
      await page.screenshot({ path: path.join(dir, `topic-lmm-${name}.png`) });
      const chart = page.getByTestId("topic-trend");
      await chart.getByText(/as a table/).click();
      await chart.screenshot({ path: path.join(dir, `topic-lmm-${name}-table.png`) });
      await context.close();
    }
    const context = await browser.newContext({ viewport: { width: 1200, height: 630 } });
    const page = await context.newPage();
    for (const [name, image] of [
      ["og-topic-lmm", "/og/topics/lmm"],
      ["og-paper-mme-cot", `/og/papers/${MME_COT}`],
    ]) {
      const res = await page.request.get(image!);
      writeFileSync(path.join(dir, `${name}.png`), await res.body());
    }
    await context.close();
  });
});

test.describe("wording and edges", () => {
  test("topic slugs are case-insensitive: /topics/LMM answers 308 to /topics/lmm", async ({ request }) => {
    const res = await request.get("/topics/LMM", { maxRedirects: 0 });
    expect(res.status()).toBe(308);
    expect(res.headers().location).toMatch(/\/topics\/lmm$/);
    expect((await request.get("/topics/NO-SUCH", { maxRedirects: 0 })).status()).toBe(404);
  });

  test("headings follow the sort; labels and the Atom title name topics, not slugs", async ({ page, request }) => {
    const topics = (await (await request.get("/api/topics")).json()) as { topics: { slug: string; name: string }[] };
    const name = topics.topics.find((t) => t.slug === "lmm")!.name;
    await page.goto("/?period=month&sort=votes&topic=lmm");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Most-voted papers");
    await expect(page.getByTestId("feed-label")).toContainText(`topic: ${name}`);
    await page.goto("/?period=month&sort=newest");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Newest papers");
    const atom = await (await request.get("/feed.xml?period=month&topic=lmm")).text();
    expect(atom).toMatch(new RegExp(`<title[^>]*>Paperboy: [^<]* · ${name}</title>`));
  });

  test("Search in this topic, with no words yet, lists the topic's papers", async ({ page }) => {
    await page.goto("/topics/lmm");
    await page.getByRole("link", { name: "Search in this topic" }).click();
    await expect(page.getByRole("heading", { name: /^Trending in / })).toBeVisible();
    expect(await page.locator("main article").count()).toBeGreaterThan(0);
  });

  test("empty results name the active filters and offer to drop them", async ({ page }) => {
    await page.goto("/search?q=LLM&topic=lmm&period=day&date=2026-08-21");
    const heading = page.getByRole("heading", { name: /^No papers match “LLM” in .*, the day of 2026-08-21$/ });
    if ((await heading.count()) === 0) {
      // Demo data may match: then the results heading names the same filters.
      await expect(
        page.getByRole("heading", { name: /^Results for “LLM” in .*, the day of 2026-08-21/ }),
      ).toBeVisible();
      return;
    }
    await expect(heading).toBeVisible();
    await page.getByRole("link", { name: "Search every topic" }).click();
    await expect(page).not.toHaveURL(/topic=/, { timeout: 15_000 });
    const url = new URL(page.url());
    expect([
      url.pathname,
      url.searchParams.get("q"),
      url.searchParams.get("period"),
      url.searchParams.get("date"),
    ]).toEqual(["/search", "LLM", "day", "2026-08-21"]);
  });

  test("the seed day links its source listing, which lists the copied papers with their arXiv ids", async ({
    page,
  }) => {
    await page.goto("/?date=2025-03-14");
    await page.getByTestId("source-listing-note").getByRole("link").click();
    await expect(page).toHaveURL(/\/listing$/);
    await expect(page.locator("main ol li")).toHaveCount(134);
    await expect(page.getByText(`arXiv ${MME_COT}`)).toBeVisible();
    await expectNoSeriousA11yViolations(page);
    expect((await page.goto("/listing/1"))!.status()).toBe(404);
  });
});
