import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, type Page, test } from "@playwright/test";

// Bidirectional overrides from a hostile source (or a crafted link) must not
// reorder what readers see: "gnp.exe" with U+202E before it shows as
// "exe.png", and an unterminated override reverses the rest of the paragraph.
// Checked where the text is laid out, in Chromium: the running app (a search
// link echoes its query), and the markup the app renders for papers (the
// paper card) and the digest email, fed a hostile paper (the test app's
// database holds only the demo papers).

const RLO = "\u202E";
const OVERRIDES = /[\u202A-\u202E\u2066-\u2069]/;

/** Whether the first occurrence of `text` inside `selector` is laid out left to right, character by character. */
async function laidOutInOrder(page: Page, selector: string, text: string): Promise<boolean> {
  return page.evaluate(
    ([sel, needle]) => {
      // The first element matching `sel` that holds the text (an email has several dir=auto paragraphs).
      const root = [...document.querySelectorAll(sel!)].find((e) => e.textContent?.includes(needle!));
      if (!root) throw new Error(`no ${sel}`);
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const at = node.textContent!.indexOf(needle!);
        if (at < 0) continue;
        const xs = [...needle!].map((_, i) => {
          const range = document.createRange();
          range.setStart(node!, at + i);
          range.setEnd(node!, at + i + 1);
          return range.getBoundingClientRect().left;
        });
        return xs.every((x, i) => i === 0 || x > xs[i - 1]!);
      }
      throw new Error(`"${needle}" not in ${sel}`);
    },
    [selector, text],
  );
}

const HOSTILE = {
  id: 424242,
  title: `Evil ${RLO}gnp.exe`,
  summary: `An abstract with an ${RLO}unterminated override and more words after it`,
  authors: [`${RLO}Mallory`, "Eve"],
};

test("a search link with an override shows the query in logical order", async ({ page }) => {
  await page.goto(`/search?q=${encodeURIComponent(`${RLO}gnp.exe`)}`);
  await expect(page.locator("#q")).toHaveValue("gnp.exe");
  expect(await page.locator("main").textContent()).not.toMatch(OVERRIDES);
  expect(await page.title()).not.toMatch(OVERRIDES);
});

test("a paper card: the override is dropped and title, authors and abstract are isolated", async ({ page }) => {
  const paper = {
    ...HOSTILE,
    featuredOn: "2025-01-01",
    upvotes: 3,
    topics: [],
    arxivId: null,
    repoUrl: null,
    repoStars: null,
    projectUrl: null,
    onHuggingFace: false,
    publishedAt: null,
    score: 0,
  };
  const html = execFileSync(
    process.execPath,
    [path.join("node_modules", "tsx", "dist", "cli.mjs"), "tests/helpers/render-paper-card.tsx", JSON.stringify(paper)],
    { encoding: "utf8" },
  );
  await page.setContent(`<!doctype html><html lang="en"><body><main>${html}</main></body></html>`);
  expect(await page.locator("main").textContent()).not.toMatch(OVERRIDES);
  expect(await laidOutInOrder(page, "h2", "gnp.exe")).toBe(true);
  expect(await laidOutInOrder(page, "p[dir=auto]", "unterminated override and more words")).toBe(true);
  await expect(page.locator("h2 bdi")).toHaveText("Evil gnp.exe");
  await expect(page.locator("article p bdi")).toHaveText(["Mallory", "Eve"]);
});

test("the digest email: the override is dropped and the paper's text is isolated", async ({ page }) => {
  process.env.APP_SECRET ??= "e".repeat(48);
  process.env.APP_URL ??= "https://paperboy.example";
  const { renderDigestOf } = await import("@/tests/helpers/digest-render");
  const message = await renderDigestOf({
    ...HOSTILE,
    arxivId: null,
    repoUrl: null,
    projectUrl: null,
    votes: 0,
    topicIds: [],
  });
  expect(message.text).not.toMatch(OVERRIDES);
  expect(message.subject).not.toMatch(OVERRIDES);
  await page.setContent(message.html);
  expect(await page.locator("body").textContent()).not.toMatch(OVERRIDES);
  expect(await laidOutInOrder(page, "a[dir=auto]", "gnp.exe")).toBe(true);
  expect(await laidOutInOrder(page, "p[dir=auto]", "unterminated override and more words")).toBe(true);
});
