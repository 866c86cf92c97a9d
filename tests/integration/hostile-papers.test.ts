import { beforeEach, describe, expect, test } from "vitest";
import { parseJsonLines } from "@/lib/ingest/jsonl";
import { storePapers } from "@/lib/ingest/store";
import { resetDb, testDb } from "@/tests/helpers/db";

// A paper whose text and links carry HTML, javascript: URLs and control
// characters, as a hostile or broken source could send it.
const HOSTILE_PAPER = {
  arxivId: "2501.00001",
  title: '<script>alert("title")</script> Evil\u0000 paper\u0007 with \u001b[31mcontrol\u007f characters',
  summary:
    'An abstract with <img src=x onerror=alert(1)> and <a href="javascript:alert(2)">a link</a> and ]]> and \u0000\u0008 bytes.',
  authors: ["<b>Mallory</b>\u0000", "Eve \u0001"],
  publishedAt: "2025-01-01T00:00:00.000Z",
  featuredOn: "2025-01-02",
  upvotes: 3,
  githubRepo: "javascript:alert(document.cookie)",
  githubStars: 1,
  projectPage: 'https://example.org/"><script>alert(3)</script>',
  keywords: ["<svg onload=alert(4)>"],
};

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is this pattern's job
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

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
    expect(row.title).toBe('<script>alert("title")</script> Evil paper with [31mcontrol characters');
    expect(row.repoUrl).toBeNull();
    expect(row.projectUrl).toBeNull();
  });
});
