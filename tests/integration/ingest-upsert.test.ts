import { beforeEach, describe, expect, it } from "vitest";
import { parseArxivAtom } from "@/lib/ingest/arxiv";
import { parseHfDailyPapers } from "@/lib/ingest/hf";
import type { NormalizedPaper } from "@/lib/ingest/paper";
import { storePapers } from "@/lib/ingest/store";
import { mergeChanges, UPSERT_CHUNK_SIZE, upsertPapers } from "@/lib/ingest/upsert";
import { resetDb, testDb } from "@/tests/helpers/db";
import { fixture } from "@/tests/helpers/fake-sources";

const paper = (overrides: Partial<NormalizedPaper> = {}): NormalizedPaper => ({
  arxivId: "2503.00001",
  title: "A Paper",
  summary: "Abstract.",
  authors: ["A. Author"],
  repoUrl: null,
  repoStars: null,
  projectUrl: null,
  publishedAt: new Date("2025-03-13T17:00:00Z"),
  featuredOn: "2025-03-14",
  source: "hf",
  sourceRank: 0,
  upvotes: 5,
  keywords: [],
  ...overrides,
});

const allPapers = () => testDb().paper.findMany({ orderBy: { id: "asc" } });

describe("upsertPapers", () => {
  beforeEach(resetDb);

  it("stores every field and returns the created ids", async () => {
    const input = paper({
      repoUrl: "https://github.com/a/b",
      repoStars: 7,
      projectUrl: "https://a.org",
      keywords: ["llm"],
    });
    const summary = await upsertPapers([input]);
    const [row] = await allPapers();
    expect(summary).toEqual({ created: 1, updated: 0, unchanged: 0, createdIds: [row!.id], updatedIds: [] });
    expect(row).toMatchObject({
      arxivId: "2503.00001",
      titleKey: "a paper",
      title: "A Paper",
      summary: "Abstract.",
      authors: ["A. Author"],
      repoUrl: "https://github.com/a/b",
      repoStars: 7,
      projectUrl: "https://a.org",
      publishedAt: new Date("2025-03-13T17:00:00Z"),
      featuredOn: new Date("2025-03-14T00:00:00Z"),
      source: "hf",
      sources: ["hf"],
      sourceRank: 0,
      upvotes: 5,
      keywords: ["llm"],
    });
  });

  it("is idempotent: the same input twice changes no row", async () => {
    const { papers } = parseHfDailyPapers(fixture("hf-daily-papers-2025-03-14.json")) as { papers: NormalizedPaper[] };
    await upsertPapers(papers);
    const before = await allPapers();
    const again = await upsertPapers(papers);
    expect(again).toEqual({ created: 0, updated: 0, unchanged: papers.length, createdIds: [], updatedIds: [] });
    expect(await allPapers()).toEqual(before);
  });

  it("newer (higher) upvotes and stars win, lower snapshots do not", async () => {
    await upsertPapers([paper({ upvotes: 5, repoStars: 10 })]);
    const up = await upsertPapers([paper({ upvotes: 12, repoStars: 3 })]);
    expect(up).toMatchObject({ created: 0, updated: 1, unchanged: 0 });
    expect(await testDb().paper.findFirstOrThrow()).toMatchObject({ upvotes: 12, repoStars: 10 });
    expect((await upsertPapers([paper({ upvotes: 2 })])).unchanged).toBe(1);
  });

  it("never blanks a non-empty field and records each contributing source", async () => {
    await upsertPapers([
      paper({ arxivId: null, source: "seed", repoUrl: "https://github.com/a/b", authors: ["A", "B"], keywords: ["k"] }),
    ]);
    const [seeded] = await allPapers();
    const result = await upsertPapers([
      paper({
        title: "a paper!",
        summary: "",
        repoUrl: null,
        authors: [],
        keywords: [],
        projectUrl: "https://x.org",
        publishedAt: null,
        source: "arxiv",
      }),
    ]);
    expect(result).toEqual({ created: 0, updated: 1, unchanged: 0, createdIds: [], updatedIds: [seeded!.id] });
    expect(await testDb().paper.findFirstOrThrow()).toMatchObject({
      title: "A Paper",
      arxivId: "2503.00001",
      summary: "Abstract.",
      repoUrl: "https://github.com/a/b",
      authors: ["A", "B"],
      keywords: ["k"],
      projectUrl: "https://x.org",
      sources: ["seed", "arxiv"],
    });
  });

  it("treats arXiv versions as one paper (HF id and arXiv v2 entry)", async () => {
    const hf = parseHfDailyPapers(
      JSON.stringify([
        {
          paper: {
            id: "2503.03601",
            title: "Feature-Level Insights into Artificial Text Detection with Sparse Autoencoders",
            upvotes: 9,
            submittedOnDailyAt: "2025-03-06T00:00:00Z",
          },
        },
      ]),
    );
    const arxiv = parseArxivAtom(fixture("arxiv-cs.CL-page1.xml")).result;
    if (!hf.ok || !arxiv.ok) throw new Error("fixtures must parse");
    await upsertPapers(hf.papers);
    const summary = await upsertPapers(arxiv.papers);
    expect(summary).toMatchObject({ created: 2, updated: 1 });
    const merged = await testDb().paper.findUniqueOrThrow({ where: { arxivId: "2503.03601" } });
    expect(merged).toMatchObject({
      upvotes: 9,
      sources: ["hf", "arxiv"],
      featuredOn: new Date("2025-03-06T00:00:00Z"),
    });
    expect(merged.summary).toMatch(/^Artificial Text Detection/);
    expect(await testDb().paper.count()).toBe(3);
  });

  it("merges duplicates across and within chunks exactly as one-by-one storage would", async () => {
    const n = 2 * UPSERT_CHUNK_SIZE + 500;
    const base = Array.from({ length: n }, (_, i) =>
      paper({ arxivId: `2503.${String(10000 + i)}`, title: `Paper number ${i}`, upvotes: i % 7, sourceRank: i }),
    );
    // Re-listings of earlier papers later in the same call, some with more upvotes.
    const repeats = base
      .slice(0, 1_200)
      .map((p, i) => ({ ...p, upvotes: i % 2 ? p.upvotes! + 10 : 0, source: "file" }));
    const summary = await upsertPapers([...base, ...repeats]);
    expect(summary.created).toBe(n);
    expect(summary.createdIds).toHaveLength(n);
    expect(summary.updated).toBe(1_200); // every repeat adds the "file" source
    expect(new Set([...summary.createdIds, ...summary.updatedIds]).size).toBe(n);
    const rows = await allPapers();
    expect(rows).toHaveLength(n);
    for (const [i, row] of rows.entries()) {
      expect(row.upvotes).toBe(i < 1_200 && i % 2 ? (i % 7) + 10 : i % 7);
      expect(row.sources).toEqual(i < 1_200 ? ["hf", "file"] : ["hf"]);
    }
    const again = await upsertPapers([...base, ...repeats]);
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: n + 1_200 });
  });

  it("writes of overlapping chunks keep the last merge: a paper re-listed in every next chunk", async () => {
    // Each chunk lists half new papers and half the previous chunk's papers again with one more upvote and
    // more authors, so most chunks change rows whose write may still be in flight.
    const half = UPSERT_CHUNK_SIZE / 2;
    const chunks = 6;
    const input: NormalizedPaper[] = [];
    for (let c = 0; c < chunks; c++) {
      for (let i = 0; i < half; i++) {
        const k = c * half + i;
        input.push(paper({ arxivId: `2505.${String(10000 + k)}`, title: `Overlap ${k}`, upvotes: 1, authors: ["A"] }));
      }
      if (c > 0) {
        for (let i = 0; i < half; i++) {
          const k = (c - 1) * half + i;
          input.push(
            paper({
              arxivId: `2505.${String(10000 + k)}`,
              title: `Overlap ${k}`,
              upvotes: 2,
              authors: ["A", "B"],
              source: "file",
            }),
          );
        }
      }
    }
    // Slow inserts (2 ms a row) so that a chunk's write is surely still running when the next chunk is ready.
    await testDb().$executeRawUnsafe(
      `CREATE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.002); RETURN NEW; END $$`,
    );
    await testDb().$executeRawUnsafe(
      `CREATE TRIGGER slow_insert BEFORE INSERT ON papers FOR EACH ROW EXECUTE FUNCTION slow_insert()`,
    );
    const summary = await upsertPapers(input).finally(() =>
      testDb().$executeRawUnsafe(`DROP TRIGGER slow_insert ON papers; DROP FUNCTION slow_insert()`),
    );
    expect(summary).toMatchObject({ created: chunks * half, updated: (chunks - 1) * half, unchanged: 0 });
    const rows = await allPapers();
    expect(rows).toHaveLength(chunks * half);
    for (const row of rows) {
      const k = Number(row.title.split(" ")[1]);
      const relisted = k < (chunks - 1) * half;
      expect({ k, upvotes: row.upvotes, authors: row.authors, sources: row.sources }).toEqual({
        k,
        upvotes: relisted ? 2 : 1,
        authors: relisted ? ["A", "B"] : ["A"],
        sources: relisted ? ["hf", "file"] : ["hf"],
      });
    }
    expect(await upsertPapers(input)).toMatchObject({ created: 0, updated: 0 });
  });

  it("two arXiv papers with the same title stay two papers; a title-only record joins the most recent", async () => {
    const fuse = "FuseChat: Knowledge Fusion of Chat Models";
    const first = await upsertPapers([
      paper({ arxivId: "2402.16107", title: fuse, featuredOn: "2024-02-27", upvotes: 3 }),
      paper({ arxivId: "2408.07990", title: fuse, featuredOn: "2024-08-16", upvotes: 7 }),
    ]);
    expect(first).toMatchObject({ created: 2, updated: 0 });
    // A listing without arXiv ids names the paper by title only: it can only be the one featured last.
    const listed = await upsertPapers([paper({ arxivId: null, title: fuse, upvotes: 9, source: "seed" })]);
    expect(listed).toMatchObject({ created: 0, updated: 1 });
    const rows = await allPapers();
    expect(rows.map((r) => [r.arxivId, r.upvotes, r.sources])).toEqual([
      ["2402.16107", 3, ["hf"]],
      ["2408.07990", 9, ["hf", "seed"]],
    ]);
    expect(
      await upsertPapers([paper({ arxivId: "2402.16107", title: fuse, featuredOn: "2024-02-27", upvotes: 3 })]),
    ).toMatchObject({ unchanged: 1 });
  });

  it("a title-only paper takes the arXiv id of the first record that brings one; another id is another paper", async () => {
    await upsertPapers([paper({ arxivId: null, title: "Same Title", source: "seed" })]);
    const [seeded] = await allPapers();
    const result = await upsertPapers([
      paper({ arxivId: "2503.00010", title: "Same title" }),
      paper({ arxivId: "2503.00011", title: "Same Title." }),
    ]);
    expect(result).toMatchObject({ created: 1, updated: 1, updatedIds: [seeded!.id] });
    const rows = await allPapers();
    expect(rows.map((r) => [r.id === seeded!.id, r.arxivId])).toEqual([
      [true, "2503.00010"],
      [false, "2503.00011"],
    ]);
    // Two title-only rows of one title cannot exist (the partial unique index).
    await expect(
      testDb().$executeRawUnsafe(
        `INSERT INTO papers (title_key, title, featured_on, source, updated_at) VALUES ('x y', 'X y', '2025-03-14', 'seed', now()), ('x y', 'X Y', '2025-03-14', 'seed', now())`,
      ),
    ).rejects.toThrow();
  });

  it("a dry run across chunks counts like a real run", async () => {
    const input = [
      ...Array.from({ length: UPSERT_CHUNK_SIZE }, (_, i) =>
        paper({ arxivId: `2506.${String(10000 + i)}`, title: `Dry ${i}` }),
      ),
      paper({ arxivId: "2506.10000", title: "Dry 0", upvotes: 50 }),
    ];
    const dry = await upsertPapers(input, { dryRun: true });
    expect(await testDb().paper.count()).toBe(0);
    const real = await upsertPapers(input);
    expect(dry).toMatchObject({ created: real.created, updated: real.updated, unchanged: real.unchanged });
    expect(real).toMatchObject({ created: UPSERT_CHUNK_SIZE, updated: 1 });
  });

  it("dry run counts what would change and writes nothing", async () => {
    await upsertPapers([paper()]);
    const before = await allPapers();
    const dry = await upsertPapers([paper({ upvotes: 50 }), paper({ arxivId: "2503.00002", title: "Other" })], {
      dryRun: true,
    });
    expect(dry).toEqual({ created: 1, updated: 1, unchanged: 0, createdIds: [], updatedIds: [] });
    expect(await allPapers()).toEqual(before);
  });

  it("mergeChanges is empty for an identical record", () => {
    const p = paper();
    expect(mergeChanges({ ...p, upvotes: 5, sources: ["hf"] }, p)).toEqual({});
  });
});

describe("storePapers (upsert + topic classification)", () => {
  beforeEach(resetDb);

  it("classifies created papers across chunks, and again only what changed", async () => {
    const n = UPSERT_CHUNK_SIZE + 10;
    const papers = Array.from({ length: n }, (_, i) =>
      paper({
        arxivId: `2504.${String(10000 + i)}`,
        title: `Sparse mixture of experts routing study ${i}`,
        summary: "A sparse MoE model.",
      }),
    );
    const first = await storePapers(papers);
    expect(first.created).toBe(n);
    const moe = await testDb().topic.findUniqueOrThrow({ where: { slug: "mixture-of-experts" } });
    expect(await testDb().paperTopic.count({ where: { topicId: moe.id } })).toBe(n);
    const links = await testDb().paperTopic.findMany({ orderBy: [{ paperId: "asc" }, { topicId: "asc" }] });

    // Re-storing the same input changes neither papers nor their topics.
    expect(await storePapers(papers)).toMatchObject({ created: 0, updated: 0, unchanged: n });
    expect(await testDb().paperTopic.findMany({ orderBy: [{ paperId: "asc" }, { topicId: "asc" }] })).toEqual(links);

    // A paper whose abstract arrives later is reclassified with it.
    const bare = paper({ arxivId: "2504.99999", title: "A study of model compression", summary: "" });
    await storePapers([bare]);
    const stored = await testDb().paper.findUniqueOrThrow({ where: { arxivId: "2504.99999" } });
    await storePapers([
      { ...bare, summary: "We apply post-training quantization to 4-bit weights of large language models." },
    ]);
    const topics = await testDb().paperTopic.findMany({ where: { paperId: stored.id }, include: { topic: true } });
    expect(topics.map((t) => t.topic.slug)).toContain("quantization");
  });

  it("a chunk's papers and their topic links commit together: a failing link write stores neither", async () => {
    await testDb().$executeRawUnsafe(
      `CREATE FUNCTION refuse_links() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'links refused'; END $$`,
    );
    await testDb().$executeRawUnsafe(
      `CREATE TRIGGER refuse_links BEFORE INSERT ON paper_topics FOR EACH ROW EXECUTE FUNCTION refuse_links()`,
    );
    try {
      const papers = [paper({ title: "Sparse mixture of experts", summary: "A sparse MoE model." })];
      await expect(storePapers(papers)).rejects.toThrow(/links refused/);
      expect(await testDb().paper.count()).toBe(0);
    } finally {
      await testDb().$executeRawUnsafe(`DROP TRIGGER refuse_links ON paper_topics; DROP FUNCTION refuse_links()`);
    }
    // Stored again once links can be written: the paper and its topic arrive together.
    await storePapers([paper({ title: "Sparse mixture of experts", summary: "A sparse MoE model." })]);
    expect(await testDb().paperTopic.count()).toBeGreaterThan(0);
  });

  it("a dry run classifies nothing", async () => {
    await storePapers([paper({ title: "Sparse mixture of experts", summary: "A sparse MoE model." })], {
      dryRun: true,
    });
    expect(await testDb().paperTopic.count()).toBe(0);
    expect(await testDb().paper.count()).toBe(0);
  });
});
