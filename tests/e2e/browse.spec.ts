import AxeBuilder from "@axe-core/playwright";
import { expect, type Page, test } from "@playwright/test";

async function expectNoSeriousA11yViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(" ")})`);
  expect(serious).toEqual([]);
}

test.describe("feed", () => {
  test("day, week and month views with shareable URLs, sorts and previous/next", async ({ page }) => {
    // The demo data's latest featured day is 2026-08-21 (the shipped HF sample).
    await page.goto("/");
    await expect(page.getByTestId("feed-label")).toHaveText(/Fri, 21 August 2026/);
    await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Week" }).click();
    await expect(page).toHaveURL(/\?period=week$/);
    await expect(page.getByTestId("feed-label")).toContainText("Week 2026-W34");
    await page.getByRole("navigation", { name: "Period" }).getByRole("link", { name: "Month" }).click();
    await expect(page).toHaveURL(/\?period=month$/);
    await expect(page.getByTestId("feed-label")).toContainText("August 2026");
    await page.getByRole("navigation", { name: "Sort" }).getByRole("link", { name: "Newest" }).click();
    await expect(page).toHaveURL(/period=month&sort=newest/);
    await expect(page.locator("article")).toHaveCount(50);

    // A day without papers offers the way back to the nearest day that has some.
    await page.goto("/?date=2025-03-20");
    await expect(page.getByText(/No papers were featured in/)).toBeVisible();
    await page.getByRole("link", { name: /Previous day/ }).click();
    await expect(page).toHaveURL(/date=2025-03-14/);
    await expect(page.locator("article")).toHaveCount(50);
    // The next day with papers is the first day of the HF sample, months later.
    await page.getByRole("link", { name: /Next day/ }).click();
    await expect(page).toHaveURL(/date=2026-07-10/);
  });

  test("an invalid link is a 400 that explains itself, as the API does", async ({ page, request }) => {
    const response = await page.goto("/?period=year");
    expect(response!.status()).toBe(400);
    const api = (await (await request.get("/api/papers?period=year")).json()) as { error: { message: string } };
    await expect(page.getByText(`The link has an invalid period: ${api.error.message}.`)).toBeVisible();
    expect((await page.goto("/search?q=x&date=2025-02-30"))!.status()).toBe(400);
    await expect(page.getByText(/link has an invalid date/)).toBeVisible();
  });

  test("is accessible (axe: no serious or critical violations)", async ({ page }) => {
    // axe walks a 50-card page: give it more than the default 30 s on a busy machine.
    test.setTimeout(90_000);
    await page.goto("/?period=week");
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("topics", () => {
  test("the feed filters by one topic, then by several (any of them), with chips on every card", async ({ page }) => {
    // The seed listing day (2025-03-14) is rich in multimodal papers.
    await page.goto("/?date=2025-03-14&topic=lmm");
    const cards = page.locator("article");
    const lmmOnly = await cards.count();
    expect(lmmOnly).toBeGreaterThan(5);
    for (const card of await cards.all()) await expect(card.locator('a[href="/topics/lmm"]')).toHaveCount(1);

    // The filter panel starts open while a topic is selected.
    await page.getByRole("list", { name: "Topic filter" }).getByRole("link", { name: "Quantization" }).click();
    await expect(page).toHaveURL(/date=2025-03-14/);
    await expect(page).toHaveURL(/topic=lmm&topic=quantization$/);
    expect(await cards.count()).toBeGreaterThan(lmmOnly);
    for (const card of await cards.all()) {
      await expect(card.locator('a[href="/topics/lmm"], a[href="/topics/quantization"]').first()).toBeVisible();
    }
    await expect(page.getByTestId("feed-label")).toContainText("topics: Multimodal LLMs, Quantization");
  });

  test("topics index and a topic page with its count; accessible", async ({ page }) => {
    await page.goto("/topics");
    await expect(page.getByRole("link", { name: "Multimodal LLMs" })).toBeVisible();
    await page.getByRole("link", { name: "Multimodal LLMs" }).click();
    await expect(page).toHaveURL(/\/topics\/lmm$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Multimodal LLMs");
    await expect(page.getByTestId("topic-count")).toHaveText(/^\d+ papers in this topic in all/);
    const count = Number((await page.getByTestId("topic-count").textContent())!.split(" ")[0]);
    expect(count).toBeGreaterThan(5);
    await expect(page.locator("article")).toHaveCount(Math.min(count, 30));
    await expectNoSeriousA11yViolations(page);
    expect((await page.goto("/topics/no-such-topic"))!.status()).toBe(404);
  });

  test("a paper page says why it is in a topic", async ({ page }) => {
    await page.goto("/topics/quantization");
    await page.locator("article h3 a").first().click();
    const topics = page.locator('section[aria-labelledby="topics-heading"]');
    await expect(topics.getByRole("link", { name: "Quantization" })).toBeVisible();
    await expect(topics.getByText(/why: matched “/).first()).toBeVisible();
  });
});

test.describe("search", () => {
  test("from the header: ranked, highlighted results and helpful empty states", async ({ page }) => {
    await page.goto("/");
    await page.getByRole("searchbox", { name: "Search papers" }).fill('"large multimodal" -video');
    await page.getByRole("searchbox", { name: "Search papers" }).press("Enter");
    await expect(page).toHaveURL(/\/search\?q=/);
    await expect(page.getByRole("heading", { name: /Results for/ })).toBeVisible();
    const results = page.locator("article");
    expect(await results.count()).toBeGreaterThan(3);
    await expect(results.first().locator("mark").first()).toBeVisible();
    for (const text of await results.locator("h3").allTextContents()) expect(text.toLowerCase()).not.toContain("video");

    await page.goto("/search?q=the%20of%20and%20!!!");
    await expect(page.getByText(/has no searchable words/)).toBeVisible();
    await page.goto(`/search?q=${"the ".repeat(2500)}`);
    await expect(page.getByText(/has no searchable words/)).toBeVisible();
    await page.goto("/search?q=zzyzxqv");
    await expect(page.getByRole("heading", { name: /No papers match/ })).toBeVisible();
    // Words that no paper has together: papers with any of them, and the page says so.
    await page.goto("/search?q=zzyzxqv%20diffusion");
    await expect(
      page.getByText("No paper has all of “zzyzxqv diffusion”; showing papers with any of them."),
    ).toBeVisible();
    expect(await page.locator("article").count()).toBeGreaterThan(0);
  });

  test("topic filter: folded until used, submitted with the query, kept open while it filters", async ({ browser }) => {
    // Without JavaScript: a plain GET form.
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/search?q=model");
    const filter = page.locator("details", { has: page.getByText(/^Filter by topic/) });
    const quantization = filter.getByRole("checkbox", { name: "Quantization" });
    await expect(quantization).toBeHidden();
    await filter.getByText("Filter by topic").click();
    await quantization.check();
    await page.getByRole("main").getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/[?&]topic=quantization/);
    await expect(filter.getByText("Filter by topic (1 selected)")).toBeVisible();
    await expect(quantization).toBeChecked();
    const results = page.locator("article");
    await expect(results.first()).toBeVisible();
    for (const result of await results.all())
      await expect(result.getByRole("list", { name: "Topics" })).toContainText("Quantization");
    await context.close();
  });

  test("on a phone the header takes two rows: links beside the logo, search and digest below", async ({ browser }) => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto("/");
    const top = async (name: string, locator = page.getByRole("link", { name, exact: true })) =>
      (await locator.first().boundingBox())!.y;
    const logo = await top("Paperboy");
    expect(Math.abs((await top("Topics")) - logo)).toBeLessThan(12);
    const search = await top("", page.getByRole("searchbox", { name: "Search papers" }));
    expect(search).toBeGreaterThan(logo + 12);
    expect(Math.abs((await top("Get the digest")) - search)).toBeLessThan(12);
    await page.close();
  });

  test("results are accessible", async ({ page }) => {
    await page.goto("/search?q=multimodal");
    await expect(page.locator("article").first()).toBeVisible();
    await expectNoSeriousA11yViolations(page);
  });
});

test.describe("paper page", () => {
  test("opens from the feed with abstract, topics section and five related papers", async ({ page }) => {
    await page.goto("/");
    const first = page.locator("article h2 a").first();
    const title = await first.textContent();
    await first.click();
    // The canonical paper URL (lib/papers/url.ts): the arXiv id, or a row-id slug without one.
    await expect(page).toHaveURL(/\/papers\/(\d{4}\.\d{4,5}|p-\d+-[a-z0-9-]+)$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title!);
    await expect(page.getByRole("heading", { name: "Abstract" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Topics" })).toBeVisible();
    await expect(page.locator('section[aria-labelledby="related-heading"] article')).toHaveCount(5);
    await expectNoSeriousA11yViolations(page);
  });

  test("an unknown or malformed id is a 404", async ({ page }) => {
    expect((await page.goto("/papers/99999"))!.status()).toBe(404);
    expect((await page.goto("/papers/abc"))!.status()).toBe(404);
  });
});

test.describe("votes", () => {
  // Counts are read first and checked relative to that: other specs (the hostile
  // sweep) may vote on the same demo papers from their own browsers meanwhile.
  test("with JavaScript: toggles in place, every count on the page follows, and is remembered by this browser", async ({
    page,
  }) => {
    await page.goto("/papers/3");
    const button = page.getByRole("button", { name: /Upvote|Remove vote/ }).first();
    await expect(button).toHaveAccessibleName(/^Upvote, \d+ votes$/);
    const votes = async () => Number(await button.getByTestId("vote-count").textContent());
    const before = await votes();
    const tally = page.getByTestId("vote-tally");
    const local = async () => Number((await tally.textContent())!.match(/, (\d+) here\)/)![1]);
    const localBefore = await local();
    // The first vote gets this browser a voter identity (POST /api/votes), then votes.
    const identity = page.waitForResponse((r) => r.url().endsWith("/api/votes") && r.request().method() === "POST");
    await button.click();
    expect((await identity).status()).toBe(200);
    await expect(button).toHaveAccessibleName(/^Remove vote, \d+ votes$/);
    const after = await votes();
    expect(after).toBeGreaterThanOrEqual(before + 1);
    await expect(button).toHaveAttribute("aria-pressed", "true");
    await expect(page.locator("#voted-3")).toBeVisible();
    await expect(page.locator("#voted-3")).toContainText("You voted");
    // "Votes 57 (54 from the source, 3 here)" changes with the button.
    await expect(tally).toContainText(`${after} (`);
    expect(await local()).toBeGreaterThanOrEqual(localBefore + 1);
    await page.reload();
    await expect(button).toHaveAccessibleName(/^Remove vote, \d+ votes$/);
    await button.click();
    await expect(button).toHaveAccessibleName(/^Upvote, \d+ votes$/);
    await expect(button).toHaveAttribute("aria-pressed", "false");
    await expect(page.locator("#voted-3")).toBeHidden();
    await expect(tally).toContainText(`${await votes()} (`);
  });

  test("without JavaScript: the first vote asks to confirm, returns to the card showing the vote; a second click keeps it; Undo removes it", async ({
    browser,
  }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/papers/4");
    const canonical = page.url();
    const count = page.locator("article").first().getByTestId("vote-count").first();
    const before = Number(await count.textContent());
    await page
      .getByRole("button", { name: /Upvote/ })
      .first()
      .click();
    // No cookie yet: nothing is counted, the answer issues the voter cookie and asks to confirm.
    await expect(page.getByRole("heading", { name: "Confirm your vote" })).toBeVisible();
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === "pb_voter")).toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await page.getByRole("button", { name: "Confirm my vote" }).click();
    await expect(page).toHaveURL(`${canonical}#voted-4`);
    await expect(count).toHaveText(String(before + 1));
    await expect(page.getByTestId("vote-tally")).toContainText(`${before + 1} (`);
    const note = page.locator("#voted-4");
    await expect(note).toBeVisible();
    await expect(note).toContainText("You voted");
    // The button looks pressed (the same colours as with JavaScript).
    const pressed = await page
      .getByRole("button", { name: /Upvote/ })
      .first()
      .evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(pressed).not.toBe("rgba(0, 0, 0, 0)");

    // A second click keeps the vote (form posts never toggle).
    await page
      .getByRole("button", { name: /Upvote/ })
      .first()
      .click();
    await expect(page).toHaveURL(/#voted-4$/);
    await expect(count).toHaveText(String(before + 1));
    await note.getByRole("button", { name: "Undo my vote" }).click();
    await expect(page).toHaveURL(/\/papers\/[^/#?]+#paper-4$/);
    await expect(count).toHaveText(String(before));
    await expect(note).toBeHidden();

    // From a filtered feed view, the vote returns to that view, scrolled to the card.
    await page.goto("/?period=week&sort=newest");
    const article = page.locator("article").nth(12);
    const id = (await article.getAttribute("id"))!.replace("paper-", "");
    await article.getByRole("button").first().click();
    await expect(page).toHaveURL(new RegExp(`\\?period=week&sort=newest#voted-${id}$`));
    await expect(page.locator(`#voted-${id}`)).toBeInViewport();
    await context.close();
  });
});

test.describe("votes show at once where the voter looks next", () => {
  // Pages serve cached lists with live counts (lib/papers/live.ts): the vote must
  // show on the page the form returns to, on the paper page and in the API,
  // though the lists themselves stay cached. Papers are found by id, not position.
  const idOf = async (article: import("@playwright/test").Locator) =>
    Number((await article.getAttribute("aria-labelledby"))!.match(/^paper-(\d+)-title$/)![1]);
  const card = (page: Page, id: number) =>
    page.locator(`article[aria-labelledby="paper-${id}-title"]`).getByTestId("vote-count");

  test("without JavaScript, from a feed view and a topic page", async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto("/?period=month&sort=newest");
    const id = await idOf(page.locator("article").nth(7));
    const before = Number(await card(page, id).textContent());
    await card(page, id).click();
    await page.getByRole("button", { name: "Confirm my vote" }).click();
    await expect(page).toHaveURL(new RegExp(`\\?period=month&sort=newest#voted-${id}$`));
    await expect(card(page, id)).toHaveText(String(before + 1));
    // The paper page and the JSON API agree.
    await page.goto(`/papers/${id}`);
    await expect(page.locator("article").first().getByTestId("vote-count").first()).toHaveText(String(before + 1));
    await expect(page.getByText(/\(\d+ from the source, 1 here\)/)).toBeVisible();
    const api = (await (await page.request.get("/api/papers?period=month&sort=newest")).json()) as {
      papers: { id: number; upvotes: number }[];
    };
    expect(api.papers.find((p) => p.id === id)?.upvotes).toBe(before + 1);

    await page.goto("/topics/lmm");
    const topicId = await idOf(page.locator("article").nth(2));
    const topicBefore = Number(await card(page, topicId).textContent());
    await card(page, topicId).click();
    await expect(page).toHaveURL(new RegExp(`/topics/lmm#voted-${topicId}$`));
    await expect(card(page, topicId)).toHaveText(String(topicBefore + 1));
    await context.close();
  });

  test("with JavaScript: a vote on the feed is on the paper page after navigating there", async ({ page }) => {
    await page.goto("/?period=month&sort=newest");
    const id = await idOf(page.locator("article").nth(9));
    const button = page.locator(`article[aria-labelledby="paper-${id}-title"]`).getByRole("button", { name: /Upvote/ });
    const before = Number(await card(page, id).textContent());
    await button.click();
    await expect(card(page, id)).toHaveText(String(before + 1));
    const link = page.locator(`#paper-${id}-title`).getByRole("link");
    const href = (await link.getAttribute("href"))!;
    await link.click();
    await expect(page).toHaveURL(new RegExp(`${href.replaceAll(".", "\\.")}$`));
    const own = page.locator("article").first().getByRole("button").first();
    await expect(own).toHaveAccessibleName(`Remove vote, ${before + 1} votes`);
    // And back on the feed (a fresh load of the cached view), the count is the new one.
    await page.goto("/?period=month&sort=newest");
    await expect(card(page, id)).toHaveText(String(before + 1));
  });
});

test("a feed page view prefetches no other page (each would be a full server render: components/app-link.tsx)", async ({
  page,
}) => {
  const prefetches: string[] = [];
  page.on("request", (r) => {
    if (r.headers()["next-router-prefetch"]) prefetches.push(r.url());
  });
  await page.goto("/?period=month", { waitUntil: "networkidle" });
  await page.mouse.wheel(0, 20_000);
  await page.locator("article").last().hover();
  await page.waitForLoadState("networkidle");
  expect(prefetches).toEqual([]);
  // Navigation is still client-side and works.
  await page.locator("article h2 a").first().click();
  await expect(page).toHaveURL(/\/papers\/(\d{4}\.\d{4,5}|p-\d+-[a-z0-9-]+)$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test.describe("API and feeds", () => {
  test("GET /api/papers pages with nextCursor and returns the documented fields", async ({ request }) => {
    const first = await request.get("/api/papers?limit=5&period=week&date=2025-03-14");
    expect(first.status()).toBe(200);
    const body = await first.json();
    expect(body.papers).toHaveLength(5);
    expect(Object.keys(body.papers[0]).sort()).toEqual(
      [
        "arxivId",
        "authors",
        "featuredOn",
        "id",
        "projectUrl",
        "publishedAt",
        "repoUrl",
        "score",
        "summary",
        "title",
        "topics",
        "upvotes",
        "url",
      ].sort(),
    );
    expect(typeof body.nextCursor).toBe("string");
    const second = await (
      await request.get(`/api/papers?limit=5&period=week&date=2025-03-14&cursor=${body.nextCursor}`)
    ).json();
    const ids = new Set([...body.papers, ...second.papers].map((p: { id: number }) => p.id));
    expect(ids.size).toBe(10);
    const search = await (await request.get("/api/papers?q=multimodal&limit=3")).json();
    expect(search.papers).toHaveLength(3);
  });

  test("invalid parameters get a 400 naming the parameter", async ({ request }) => {
    for (const [query, parameter] of [
      ["limit=500", "limit"],
      ["period=year", "period"],
      ["date=2025-13-01", "date"],
      ["sort=random", "sort"],
      ["topic=no-such-topic", "topic"],
      ["cursor=abc", "cursor"],
    ]) {
      const r = await request.get(`/api/papers?${query}`);
      expect(r.status(), query).toBe(400);
      expect((await r.json()).error.parameter, query).toBe(parameter);
      // Feeds have no pages: they ignore cursor, and reject every other bad parameter the same way.
      if (parameter !== "cursor") expect((await request.get(`/feed.xml?${query}`)).status(), `feed ${query}`).toBe(400);
    }
  });

  test("the Atom feed parses as XML with absolute links", async ({ page, request, baseURL }) => {
    const r = await request.get("/feed.xml?period=week&date=2025-03-14&limit=10");
    expect(r.headers()["content-type"]).toContain("application/atom+xml");
    const xml = await r.text();
    await page.goto("/about");
    const parsed = await page.evaluate((text) => {
      const doc = new DOMParser().parseFromString(text, "application/xml");
      return {
        error: doc.getElementsByTagName("parsererror").length,
        entries: doc.getElementsByTagName("entry").length,
        links: [...doc.querySelectorAll("entry > link[rel=alternate]")].map((l) => l.getAttribute("href")),
      };
    }, xml);
    expect(parsed.error).toBe(0);
    expect(parsed.entries).toBe(10);
    for (const link of parsed.links)
      expect(link).toMatch(new RegExp(`^${baseURL}/papers/(\\d{4}\\.\\d{4,5}|p-\\d+-[a-z0-9-]+)$`));
    const topics = await request.get("/api/topics");
    expect(Array.isArray((await topics.json()).topics)).toBe(true);
  });

  test("cached pages and feeds say so to downstream caches; search and votes do not", async ({ request }) => {
    // Feed, paper, topic and about pages come from the page cache (lib/page-cache/) with a public
    // Cache-Control a CDN honours; tests/e2e/page-cache.spec.ts checks them in depth.
    expect((await request.get("/")).headers()["cache-control"]).toMatch(/^public, s-maxage=\d+/);
    expect((await request.get("/papers/1")).headers()["cache-control"]).toMatch(/^public, s-maxage=\d+/);
    expect((await request.get("/api/papers")).headers()["cache-control"]).toContain("public");
    expect((await request.get("/feed.xml")).headers()["cache-control"]).toContain("public");
    expect((await request.get("/search?q=model")).headers()["cache-control"]).not.toContain("public");
    expect((await request.get("/api/votes?ids=1")).headers()["cache-control"]).toContain("no-store");
  });
});
