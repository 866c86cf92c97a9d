import { beforeEach, describe, expect, test } from "vitest";
import { parseJsonLines } from "@/lib/ingest/jsonl";
import { storePapers } from "@/lib/ingest/store";
import { resetDb, testDb } from "@/tests/helpers/db";

// A paper whose text and links carry HTML, javascript: URLs and control
// characters, as a hostile or broken source could send it.
const HOSTILE_PAPER = {
  arxivId: "2501.00001",
  title:
    '<script>alert("title")</script> Evil\u0000 paper\u0007 with \u001b[31mcontrol\u007f characters \u202Egnp.exe\u2066',
  summary:
    'An abstract with <img src=x onerror=alert(1)> and <a href="javascript:alert(2)">a link</a> and ]]> and \u0000\u0008 bytes.',
  authors: ["<b>Mallory</b>\u0000", "Eve \u0001", "\u202BOscar"],
  publishedAt: "2025-01-01T00:00:00.000Z",
  featuredOn: "2025-01-02",
  upvotes: 3,
  githubRepo: "javascript:alert(document.cookie)",
  githubStars: 1,
  projectPage: 'https://example.org/"><script>alert(3)</script>',
  keywords: ["<svg onload=alert(4)>"],
};

// Control characters, and bidi embeddings, overrides and isolates (they reorder the text around them).
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;

beforeEach(async () => {
  await resetDb();
});

describe("a hostile paper from a source", () => {
  test("is stored without control characters (Postgres refuses NUL; XML 1.0 refuses most C0) and without unsafe links", async () => {
    const parsed = parseJsonLines(JSON.stringify(HOSTILE_PAPER));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.rejected).toEqual([]);
    await storePapers(parsed.papers);
    const row = await testDb().paper.findUniqueOrThrow({ where: { arxivId: "2501.00001" } });
    for (const text of [row.title, row.summary, ...row.authors, ...row.keywords]) expect(text).not.toMatch(CONTROL);
    expect(row.title).toBe('<script>alert("title")</script> Evil paper with [31mcontrol characters gnp.exe');
    expect(row.authors).toContain("Oscar");
    expect(row.repoUrl).toBeNull();
    expect(row.projectUrl).toBeNull();
  });
});

describe("a paper dated outside the days the feed serves", () => {
  test("is rejected at ingest: one paper 'featured' in 9999 would become every page's default day", () => {
    for (const featuredOn of ["9999-12-31", "0001-01-01", "1990-12-31"]) {
      const parsed = parseJsonLines(JSON.stringify({ ...HOSTILE_PAPER, featuredOn }));
      expect(parsed.ok).toBe(true);
      if (!parsed.ok) continue;
      expect(parsed.papers, featuredOn).toEqual([]);
      expect(parsed.rejected.length, featuredOn).toBe(1);
    }
  });
});
