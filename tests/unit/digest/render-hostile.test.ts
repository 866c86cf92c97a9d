import { expect, test } from "vitest";
import { renderDigestOf } from "@/tests/helpers/digest-render";

// A paper row as hostile as the database allows (stored before validation
// existed, or by a future source that skips it): HTML, javascript: links and
// control characters. Every place that shows papers must render it inert.
const HOSTILE_ROW = {
  id: 7,
  title: '<script>alert("t")</script><img src=x onerror=alert(1)> \u0007Title \\ 😀 Ωμέγα',
  summary: '<a href="javascript:alert(2)">click</a> ]]></summary><script>alert(3)</script> \u0000',
  repoUrl: "javascript:alert(document.cookie)",
  arxivId: '2503.1"><script>alert(6)</script>',
  authors: ["<b>Mallory</b>\u0001", "Eve", "Trent", "Peggy"],
  projectUrl: "data:text/html,<script>alert(5)</script>",
  votes: 3,
  topicIds: [1],
};

process.env.APP_SECRET ??= "r".repeat(48);

test("the digest email escapes a paper's HTML and drops its javascript: link", async () => {
  const message = await renderDigestOf(HOSTILE_ROW, {
    context: { topics: new Map([[1, { id: 1, slug: "lmm", name: "<b>LMM</b>" }]]) },
    recipient: { keywords: ['"><script>alert(4)</script>'] },
  });
  // Inert: no live tags or handler attributes from the paper, no javascript: link targets (escaped text is fine).
  expect(message.html).not.toMatch(/<(script|img|iframe|svg)\b/i);
  const tags = message.html.match(/<[^>]*>/g) ?? [];
  expect(tags.filter((t) => /\son\w+\s*=/i.test(t))).toEqual([]);
  expect(tags.filter((t) => /(href|src)\s*=\s*["']?\s*javascript:/i.test(t))).toEqual([]);
  expect(message.html).toContain("&lt;script&gt;");
  expect(message.html).not.toContain("<b>LMM</b>");
  expect(message.html).not.toMatch(/data:text/i);
  expect(message.text).not.toContain("javascript:alert(document.cookie)"); // the repo link is dropped (abstract text may mention anything)
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
  expect(message.subject).not.toMatch(/[\u0000-\u001f]/);
  for (const value of Object.values(message.headers ?? {})) expect(String(value)).not.toMatch(/[\r\n]/);
});

const HOSTILE_ITEM = {
  id: 7,
  arxivId: null,
  title: HOSTILE_ROW.title,
  summary: HOSTILE_ROW.summary,
  authors: ["<b>Mallory</b>\u0001"],
  repoUrl: HOSTILE_ROW.repoUrl,
  repoStars: 3,
  projectUrl: "data:text/html,<script>alert(5)</script>",
  onHuggingFace: true,
  publishedAt: null,
  featuredOn: "2025-03-14",
  upvotes: 1,
  localVotes: 0,
  sourceRank: 0,
  score: 1,
  topics: [{ slug: "lmm", name: "<i>LMM</i>" }],
};

test("paper links on pages: javascript: and data: links are not rendered", async () => {
  const { createElement } = await import("react");
  const { renderToStaticMarkup } = await import("react-dom/server");
  const { PaperLinks } = await import("@/components/paper-links");
  const html = renderToStaticMarkup(createElement(PaperLinks, { paper: HOSTILE_ITEM }));
  expect(html).not.toMatch(/javascript:|data:/i);
  const ok = renderToStaticMarkup(
    createElement(PaperLinks, { paper: { ...HOSTILE_ITEM, repoUrl: "https://github.com/a/b" } }),
  );
  expect(ok).toContain('href="https://github.com/a/b"');
});

test("the Atom feed: well-formed XML with escaped text, no control characters, no javascript: link", async () => {
  const { renderAtom } = await import("@/lib/papers/atom");
  const xml = renderAtom({
    title: "Paperboy <feed>",
    selfUrl: "https://paperboy.example/feed.xml",
    htmlUrl: "https://paperboy.example/",
    appUrl: "https://paperboy.example",
    updated: "2025-03-14T00:00:00Z",
    papers: [HOSTILE_ITEM as never],
  });
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
  expect(xml).not.toMatch(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/);
  expect(xml).not.toMatch(/javascript:alert\(document/);
  expect(xml).not.toMatch(/<(script|img|b|i)\b/);
  // Every tag is one the Atom template writes: paper text can't open elements.
  const names = new Set([...xml.matchAll(/<\/?([a-zA-Z?]+)/g)].map((m) => m[1]));
  expect([...names].sort()).toEqual(
    [
      "?xml",
      "author",
      "category",
      "entry",
      "feed",
      "generator",
      "id",
      "link",
      "name",
      "summary",
      "title",
      "updated",
    ].sort(),
  );
});

// Bidirectional overrides and isolates in a row stored before ingest dropped them: "gnp.exe" after
// U+202E shows as "exe.png"; an unterminated one reverses the rest of the paragraph.
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
const BIDI_ITEM = {
  ...HOSTILE_ITEM,
  title: "Evil \u202Egnp.exe",
  summary: "An abstract with an \u202Bunterminated embedding and an \u2067isolate",
  authors: ["\u202DMallory", "Eve\u2069"],
};

test("bidi overrides are dropped on output: Atom, JSON API, digest email; pages isolate the text", async () => {
  const { renderAtom } = await import("@/lib/papers/atom");
  const { toApiPaper } = await import("@/lib/papers/api");
  const { createElement } = await import("react");
  const { renderToStaticMarkup } = await import("react-dom/server");
  const { PaperCard } = await import("@/components/paper-card");

  const xml = renderAtom({
    title: "Paperboy",
    selfUrl: "https://paperboy.example/feed.xml",
    htmlUrl: "https://paperboy.example/",
    appUrl: "https://paperboy.example",
    updated: "2025-03-14T00:00:00Z",
    papers: [BIDI_ITEM as never],
  });
  expect(xml).not.toMatch(BIDI);
  expect(xml).toContain("Evil gnp.exe");

  expect(JSON.stringify(toApiPaper(BIDI_ITEM as never, "https://paperboy.example"))).not.toMatch(BIDI);

  const message = await renderDigestOf({ ...HOSTILE_ROW, title: BIDI_ITEM.title, summary: BIDI_ITEM.summary });
  for (const text of [message.html, message.text, message.subject]) expect(text).not.toMatch(BIDI);
  expect(message.html).toMatch(/<a [^>]*dir="auto"[^>]*>Evil gnp\.exe<\/a>/);

  const card = renderToStaticMarkup(createElement(PaperCard, { paper: BIDI_ITEM as never, returnTo: "/" }));
  expect(card).not.toMatch(BIDI);
  expect(card).toContain("<bdi>Evil gnp.exe</bdi>");
  expect(card).toContain("<bdi>Mallory</bdi>");
  expect(card).toMatch(/<p dir="auto"[^>]*>An abstract with an unterminated embedding and an isolate<\/p>/);
});
