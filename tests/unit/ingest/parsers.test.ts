import { describe, expect, it } from "vitest";
import { arxivEntryExtras, parseArxivAtom } from "@/lib/ingest/arxiv";
import { detectFormat, parseFileText } from "@/lib/ingest/file";
import { arxivIdWithoutVersion, parseHfDailyPapers } from "@/lib/ingest/hf";
import { parseJsonLines } from "@/lib/ingest/jsonl";
import { collapse, firstJsonError, type ParseResult, parseJson } from "@/lib/ingest/parse-result";
import { fixture } from "@/tests/helpers/fake-sources";

const MEGABYTE_TITLE = "x".repeat(1024 * 1024);

function ok(result: ParseResult) {
  if (!result.ok) throw new Error(`expected ok, got error: ${result.error}`);
  return result;
}

function failed(result: ParseResult): string {
  if (result.ok) throw new Error("expected a parse failure");
  return result.error;
}

describe("Hugging Face daily papers JSON", () => {
  const hf = JSON.parse(fixture("hf-daily-papers-2025-03-14.json")) as { paper: Record<string, unknown> }[];

  it("maps every item of a recorded response to a paper featured on submittedOnDailyAt", () => {
    const { papers, rejected } = ok(parseHfDailyPapers(fixture("hf-daily-papers-2025-03-14.json")));
    expect(rejected).toEqual([]);
    expect(papers.map((p) => p.arxivId)).toEqual(hf.map((i) => i.paper.id));
    expect(papers.map((p) => p.sourceRank)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(new Set(papers.map((p) => p.featuredOn))).toEqual(new Set(["2025-03-14"]));
    const first = papers[0]!;
    expect(first).toMatchObject({
      arxivId: "2503.10613",
      title: "CoSTAast: Cost-Sensitive Toolpath Agent for Multi-turn Image Editing",
      authors: ["Advait Gupta", "NandaKiran Velaga", "Dang Nguyen", "Tianyi Zhou"],
      upvotes: 29,
      source: "hf",
      publishedAt: new Date("2025-03-13T17:55:45.000Z"),
    });
    expect(first.summary.startsWith("Text-to-image")).toBe(true);
    const withRepo = papers.filter((p) => p.repoUrl);
    expect(withRepo.length).toBeGreaterThan(0);
    expect(withRepo.every((p) => p.repoUrl!.startsWith("https://github.com/"))).toBe(true);
  });

  it("drops hidden authors", () => {
    const { papers } = ok(parseHfDailyPapers(fixture("hf-daily-papers-2025-03-14.json")));
    expect(papers[2]!.authors).not.toContain("Hidden Author");
    expect(papers[2]!.authors.length).toBe((hf[2]!.paper.authors as unknown[]).length - 1);
  });

  it("uses the requested date when an item has no submittedOnDailyAt", () => {
    const items = [{ paper: { id: "2503.00001", title: "T", summary: "S", upvotes: 1 } }];
    const { papers } = ok(parseHfDailyPapers(JSON.stringify(items), { date: "2025-03-20" }));
    expect(papers[0]!.featuredOn).toBe("2025-03-20");
  });

  it("reports malformed JSON with its line and column", () => {
    const text = '[\n  {"paper": {"id": "2503.00001",\n    "title": "T" "summary": "S"}}\n]';
    expect(failed(parseHfDailyPapers(text))).toBe("invalid JSON at line 3, column 18");
    expect(failed(parseHfDailyPapers('{"paper": 1}'))).toMatch(/expected a JSON array/);
  });

  it("skips a bad record with its number and imports the rest", () => {
    const items = structuredClone(hf);
    delete (items[1]!.paper as { id?: string }).id;
    items[3]!.paper.title = MEGABYTE_TITLE;
    items[4]!.paper.id = "not-an-id";
    const { papers, rejected } = ok(parseHfDailyPapers(JSON.stringify(items)));
    expect(papers).toHaveLength(3);
    expect(rejected).toEqual([
      { location: "record 2", reason: "paper.id: Invalid input: expected string, received undefined" },
      { location: `record 4 (${hf[3]!.paper.id})`, reason: "title too large (at most 1,000 characters)" },
      { location: "record 5 (not-an-id)", reason: 'paper.id "not-an-id" is not an arXiv id' },
    ]);
    // Ranks stay dense over the papers that were kept.
    expect(papers.map((p) => p.sourceRank)).toEqual([0, 1, 2]);
  });

  it("drops a malformed link instead of the paper", () => {
    const items = [
      {
        paper: {
          id: "2503.00001",
          title: "T",
          githubRepo: "javascript:alert(1)",
          submittedOnDailyAt: "2025-03-14T00:00:00Z",
        },
      },
    ];
    const { papers } = ok(parseHfDailyPapers(JSON.stringify(items)));
    expect(papers[0]!.repoUrl).toBeNull();
  });
});

describe("arXiv Atom", () => {
  it("reads entries: id without version, dates, collapsed title and summary, authors", () => {
    const feed = parseArxivAtom(fixture("arxiv-cs.CL-page1.xml"));
    expect(feed.totalResults).toBe(5);
    expect(feed.entries).toBe(3);
    const { papers, rejected } = ok(feed.result);
    expect(rejected).toEqual([]);
    expect(papers.map((p) => p.arxivId)).toEqual(["2503.03601", "2503.07365", "2503.07605"]);
    expect(papers[0]).toMatchObject({
      title: "Feature-Level Insights into Artificial Text Detection with Sparse Autoencoders",
      publishedAt: new Date("2025-03-05T15:33:52Z"),
      featuredOn: "2025-03-05",
      source: "arxiv",
      sourceRank: 0,
      upvotes: null,
    });
    expect(papers[0]!.summary).toMatch(
      /^Artificial Text Detection \(ATD\) is becoming increasingly important with the rise of/,
    );
    expect(papers.every((p) => !/\s{2}|\n/.test(p.title + p.summary))).toBe(true);
    expect(papers[0]!.authors.length).toBeGreaterThan(1);
  });

  it("exposes the PDF link, last update and categories", () => {
    const [first] = arxivEntryExtras(fixture("arxiv-cs.CL-page1.xml"));
    expect(first).toEqual({
      pdfUrl: "http://arxiv.org/pdf/2503.03601v2",
      updatedAt: new Date("2025-03-05T20:11:05Z"),
      categories: ["cs.CL", "cs.AI"],
    });
  });

  it("continues ranks on later pages", () => {
    const feed = parseArxivAtom(fixture("arxiv-cs.CL-page2.xml"));
    expect(feed.startIndex).toBe(3);
    expect(ok(feed.result).papers.map((p) => p.sourceRank)).toEqual([3, 4]);
  });

  it("reports malformed XML with its line", () => {
    const broken = fixture("arxiv-cs.CL-page1.xml").replace("</title>", "</titel>");
    expect(failed(parseArxivAtom(broken).result)).toMatch(/^invalid XML at line \d+, column \d+: .*titel/);
    expect(failed(parseArxivAtom("<html><body>hi</body></html>").result)).toMatch(/not an Atom feed/);
  });

  it("turns the API's error feed into an error", () => {
    expect(failed(parseArxivAtom(fixture("arxiv-error.xml")).result)).toBe(
      "arXiv API error: incorrect id format for 1234.12345",
    );
  });

  it("skips a bad entry and keeps the others", () => {
    const xml = fixture("arxiv-cs.CL-page1.xml")
      .replace("http://arxiv.org/abs/2503.07365v1</id>", "http://example.com/nope</id>")
      .replace(/<title>Feature-Level[^<]*<\/title>/, `<title>${MEGABYTE_TITLE}</title>`);
    const { papers, rejected } = ok(parseArxivAtom(xml).result);
    expect(papers.map((p) => p.arxivId)).toEqual(["2503.07605"]);
    expect(rejected).toEqual([
      { location: "entry 1 (2503.03601)", reason: "title too large (at most 1,000 characters)" },
      { location: "entry 2", reason: '<id> "http://example.com/nope" is not an arXiv abs URL' },
    ]);
  });
});

describe("JSON Lines (the shared data set's format)", () => {
  it("reads every line of a sample", () => {
    const { papers, rejected } = ok(parseJsonLines(fixture("hf-daily-papers.jsonl")));
    expect(rejected).toEqual([]);
    expect(papers).toHaveLength(6);
    expect(papers[0]).toMatchObject({ arxivId: "2503.10613", featuredOn: "2025-03-14", upvotes: 29, source: "file" });
    // Records without upvotes or summary (the data set's secondary sources) still import.
    expect(papers.at(-1)!.upvotes).toBeNull();
    expect(papers.map((p) => p.sourceRank)).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it("rejects bad lines by number and imports the rest", () => {
    const lines = fixture("hf-daily-papers.jsonl").trimEnd().split("\n");
    const record = JSON.parse(lines[3]!);
    lines[1] = lines[1]!.slice(0, 40);
    lines[3] = JSON.stringify({ ...record, title: MEGABYTE_TITLE });
    lines[4] = JSON.stringify({ ...JSON.parse(lines[4]!), featuredOn: "2025-02-30" });
    const { papers, rejected } = ok(parseJsonLines(lines.join("\n")));
    expect(papers).toHaveLength(3);
    expect(rejected).toEqual([
      { location: "line 2, column 41", reason: "invalid JSON" },
      { location: `line 4 (${record.arxivId})`, reason: "title too large (at most 1,000 characters)" },
      { location: expect.stringMatching(/^line 5 /), reason: "featuredOn: Invalid ISO date" },
    ]);
  });
});

describe("files", () => {
  it("detects the format by extension, else by content", () => {
    expect(detectFormat("a.jsonl", "")).toBe("jsonl");
    expect(detectFormat("a.json", "")).toBe("hf");
    expect(detectFormat("a.atom", "")).toBe("arxiv");
    expect(detectFormat("a.txt", "")).toBe("listing");
    expect(detectFormat("dump", "<?xml")).toBe("arxiv");
    expect(detectFormat("dump", "[{}]")).toBe("hf");
    expect(detectFormat("dump", '{"arxivId"')).toBe("jsonl");
  });

  it("needs a date for a listing and reports its line errors", () => {
    expect(failed(parseFileText("Mar 14\n\nT\n\nA", "listing"))).toMatch(/--date/);
    expect(
      ok(parseFileText("Daily\nMar 14\n\nTitle\n\nAbstract.", "listing", { date: "2025-03-14" })).papers,
    ).toHaveLength(1);
    expect(failed(parseFileText("Daily\nMar 14\n\nTitle", "listing", { date: "2025-03-14" }))).toMatch(/line 4/);
  });
});

describe("helpers", () => {
  it("strips arXiv version suffixes", () => {
    expect(arxivIdWithoutVersion("2503.01234v2")).toBe("2503.01234");
    expect(arxivIdWithoutVersion("hep-th/9901001v1")).toBe("hep-th/9901001");
    expect(arxivIdWithoutVersion("2503.0123")).toBe("2503.0123");
    expect(arxivIdWithoutVersion("nope")).toBeNull();
  });

  it("collapses every run of whitespace to one space and trims, leaving collapsed text as it is", () => {
    const cases: [string | null | undefined, string][] = [
      ["Attention  is all\nyou\tneed", "Attention is all you need"],
      [" leading", "leading"],
      ["trailing ", "trailing"],
      ["\r\n wrapped \u00a0 line\u2003", "wrapped line"],
      ["already collapsed text", "already collapsed text"],
      ["", ""],
      [null, ""],
      [undefined, ""],
    ];
    for (const [input, expected] of cases) expect(collapse(input)).toBe(expected);
  });

  it("finds the offset of the first JSON syntax error", () => {
    expect(firstJsonError('{"a": [1, 2,, 3]}')).toBe(12);
    expect(firstJsonError('{"a": tru}')).toBe(6);
    expect(firstJsonError('{"a": 1')).toBe(7);
    expect(firstJsonError("[1] x")).toBe(4);
    expect(parseJson('[1, "a\\q"]')).toEqual({ ok: false, error: "invalid JSON at line 1, column 8" });
    expect(parseJson("[1]")).toEqual({ ok: true, value: [1] });
  });
});
