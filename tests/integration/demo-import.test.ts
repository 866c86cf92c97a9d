import { readFileSync } from "node:fs";
import { beforeEach, describe, expect, it } from "vitest";
import { DEMO_MATCHES, DEMO_SAMPLE, importDemoPapers, seedIfEmpty } from "@/lib/ingest/demo";
import { upsertPapers } from "@/lib/ingest/upsert";
import { resetDb, testDb } from "@/tests/helpers/db";

// The shipped sample: the last six weeks of the shared data set (prisma/seed/README.md).
const sample = readFileSync(DEMO_SAMPLE, "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { featuredOn: string; arxivId: string });
const SAMPLE_PAPERS = sample.length;
const LATEST_DAY = sample
  .map((r) => r.featuredOn)
  .sort()
  .at(-1)!;
const DEMO_PAPERS = 134 + SAMPLE_PAPERS;
// The listing papers scripts/match-seed.ts found in the data set by title.
const MATCHES = readFileSync(DEMO_MATCHES, "utf8")
  .trim()
  .split("\n")
  .map((l) => JSON.parse(l) as { arxivId: string; title: string; authors: string[] });
const SEED_DAY = new Date("2025-03-14T00:00:00Z");

describe("demo papers import", () => {
  beforeEach(resetDb);

  it("imports all 134 listing papers of 2025-03-14 in listing order", async () => {
    const summary = await importDemoPapers();
    expect(summary).toMatchObject({ created: DEMO_PAPERS, updated: 0, unchanged: 0 });
    expect(summary.createdIds).toHaveLength(DEMO_PAPERS);
    const papers = await testDb().paper.findMany({ where: { featuredOn: SEED_DAY }, orderBy: { sourceRank: "asc" } });
    expect(papers).toHaveLength(134);
    expect(papers.map((p) => p.sourceRank)).toEqual([...Array(134).keys()]);
    expect(papers[0]!.title).toBe(
      "DEEM: Diffusion Models Serve as the Eyes of Large Language Models for Image Perception",
    );
    expect(new Set(papers.map((p) => p.featuredOn.toISOString()))).toEqual(new Set(["2025-03-14T00:00:00.000Z"]));
    expect(papers.filter((p) => p.repoUrl).length).toBeGreaterThanOrEqual(45);
    expect(papers.every((p) => p.sources.join() === "seed")).toBe(true);
  });

  it("completes the listing papers found in the data set: arXiv id, authors, votes (prisma/seed/2025-03-14-matches.jsonl)", async () => {
    await importDemoPapers();
    expect(MATCHES.length).toBeGreaterThanOrEqual(30);
    const matched = await testDb().paper.findMany({ where: { featuredOn: SEED_DAY, arxivId: { not: null } } });
    expect(matched.map((p) => p.arxivId).sort()).toEqual(MATCHES.map((m) => m.arxivId).sort());
    const cot = matched.find((p) => p.arxivId === "2502.09621")!;
    expect(cot.title).toBe(
      "MME-CoT: Benchmarking Chain-of-Thought in Large Multimodal Models for Reasoning Quality, Robustness, and Efficiency",
    );
    expect(cot.authors.length).toBeGreaterThan(3);
    expect(matched.filter((p) => p.authors.length > 0).length).toBe(MATCHES.filter((m) => m.authors.length).length);
    expect(await testDb().paper.count({ where: { featuredOn: SEED_DAY, arxivId: null } })).toBe(134 - MATCHES.length);
  });

  it("imports the real sample: six weeks of featured days with upvotes and repos", async () => {
    await importDemoPapers();
    const db = testDb();
    const withArxiv = await db.paper.count({ where: { arxivId: { not: null } } });
    expect(withArxiv).toBe(SAMPLE_PAPERS + MATCHES.length);
    expect(SAMPLE_PAPERS).toBeGreaterThan(500);
    const days = await db.paper.groupBy({ by: ["featuredOn"], where: { arxivId: { not: null } } });
    expect(days.length).toBeGreaterThanOrEqual(28);
    expect(await db.paper.count({ where: { upvotes: { gt: 0 } } })).toBeGreaterThan(300);
    expect(await db.paper.count({ where: { arxivId: { not: null }, repoUrl: { not: null } } })).toBeGreaterThan(100);
    const latest = await db.paper.findFirstOrThrow({ orderBy: { featuredOn: "desc" } });
    expect(latest.featuredOn.toISOString().slice(0, 10)).toBe(LATEST_DAY);
  });

  it("is idempotent: importing twice changes nothing", async () => {
    await importDemoPapers();
    const before = await testDb().paper.findMany({ orderBy: { id: "asc" } });
    const again = await importDemoPapers();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: DEMO_PAPERS, createdIds: [], updatedIds: [] });
    const after = await testDb().paper.findMany({ orderBy: { id: "asc" } });
    expect(after).toEqual(before);
  });

  it("seeds only an empty database", async () => {
    expect((await seedIfEmpty())?.created).toBe(DEMO_PAPERS);
    expect(await seedIfEmpty()).toBeNull();
  });

  it("merges without blanking fields, keeps the higher upvotes and records each source", async () => {
    const base = {
      arxivId: null,
      title: "A Paper",
      summary: "Abstract.",
      authors: ["A. Author"],
      repoUrl: "https://github.com/a/b",
      repoStars: 10,
      projectUrl: null,
      publishedAt: null,
      featuredOn: "2025-03-14",
      source: "seed",
      sourceRank: 3,
      upvotes: 5,
      keywords: [],
    };
    await upsertPapers([base]);
    const result = await upsertPapers([
      {
        ...base,
        title: "a paper!",
        arxivId: "2503.00001",
        summary: "",
        repoUrl: null,
        upvotes: 2,
        projectUrl: "https://x.org",
        source: "hf",
      },
    ]);
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(result.updatedIds).toHaveLength(1);
    const paper = await testDb().paper.findFirstOrThrow();
    expect(paper).toMatchObject({
      title: "A Paper",
      arxivId: "2503.00001",
      summary: "Abstract.",
      repoUrl: "https://github.com/a/b",
      projectUrl: "https://x.org",
      upvotes: 5,
      sources: ["seed", "hf"],
    });
  });
});
