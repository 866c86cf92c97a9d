import { readFile } from "node:fs/promises";
import { beforeEach, describe, expect, it } from "vitest";
import { parseJsonLines } from "@/lib/ingest/jsonl";
import type { NormalizedPaper } from "@/lib/ingest/paper";
import { storePapers } from "@/lib/ingest/store";
import { relatedPapers } from "@/lib/papers/data";
import { computeRelated, ensureRelated, RELATED_VERSION, RELATED_VERSION_KEY } from "@/lib/papers/related";
import { ensureTaxonomy, TAXONOMY_VERSION_KEY } from "@/lib/topics/mutations";
import { resetDb, testDb } from "@/tests/helpers/db";
import { insertPapers, insertTopic } from "@/tests/helpers/papers";

// Related papers are computed ahead of time (lib/papers/related.ts) into
// paper_related and read back by primary key.

const NOW = new Date("2025-03-21T09:00:00Z");
let counter = 0;

const paper = (title: string, summary: string, featuredOn = "2025-03-14"): NormalizedPaper => ({
  arxivId: `2503.${String(++counter).padStart(5, "0")}`,
  title,
  summary,
  authors: ["A. Author"],
  repoUrl: null,
  repoStars: null,
  projectUrl: null,
  publishedAt: null,
  featuredOn,
  source: "hf",
  sourceRank: counter,
  upvotes: 0,
  keywords: [],
});

/** Filler papers on other subjects, so the test papers' shared terms are rare, as in a real table. */
const filler = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    paper(`Survey of topic ${i}`, `A broad overview of model ${i} with general remarks on evaluation.`, "2025-01-01"),
  );

const stored = async (id: number) =>
  (await testDb().paperRelated.findMany({ where: { paperId: id }, orderBy: { position: "asc" } })).map(
    (r) => r.relatedId,
  );

describe("related papers", () => {
  beforeEach(resetDb);

  it("are stored for new papers at ingest and read back in order, never the paper itself", async () => {
    const { createdIds } = await storePapers([
      paper(
        "Vision-language mixture of experts with sparse routing",
        "We scale a vision-language model with a mixture of experts whose router sends image and text tokens to experts.",
      ),
      paper(
        "Sparse experts for multimodal vision-language models",
        "A mixture of experts vision-language model: a router sends each image token to two experts.",
      ),
      paper(
        "Diffusion models for audio synthesis",
        "We denoise waveforms with a diffusion model for speech and music.",
      ),
      ...filler(30),
    ]);
    const [moe, multimodal, audio] = createdIds as [number, number, number];
    expect(await stored(moe)).not.toContain(moe);
    expect((await stored(moe))[0]).toBe(multimodal);
    expect((await stored(multimodal))[0]).toBe(moe);
    expect(await stored(moe)).not.toContain(audio);
    const read = await relatedPapers(moe, NOW);
    expect(read.map((p) => p.id)).toEqual(await stored(moe));
    expect(read[0]).toMatchObject({ id: multimodal, title: "Sparse experts for multimodal vision-language models" });
    expect(read.length).toBeLessThanOrEqual(5);
  });

  it("prefers the more recent of equally related papers, not the lowest id", async () => {
    const p = await insertPapers([
      { title: "Quantized attention kernels", featuredOn: "2025-03-14" },
      { title: "Quantized attention kernels revisited", featuredOn: "2024-01-10" },
      { title: "Quantized attention kernels again", featuredOn: "2025-03-13" },
      ...Array.from({ length: 20 }, (_, i) => ({ title: `Unrelated filler ${i}`, featuredOn: "2025-01-01" })),
    ]);
    await computeRelated([p[0]!]);
    // Both share the same terms ("revisited" and "again" are in no other paper): the nearer day wins.
    expect((await stored(p[0]!)).slice(0, 2)).toEqual([p[2], p[1]]);
  });

  it("shared topics count, weighted by how rare the topic is", async () => {
    const p = await insertPapers([
      { title: "Alpha", featuredOn: "2025-03-14" },
      { title: "Beta", featuredOn: "2025-03-14" },
      { title: "Gamma", featuredOn: "2025-03-14" },
      { title: "Delta", featuredOn: "2025-03-14" },
      { title: "Epsilon", featuredOn: "2025-03-14" },
    ]);
    await insertTopic("rare", [p[0]!, p[1]!]);
    await insertTopic("common", [p[0]!, p[2]!, p[3]!, p[4]!]);
    await computeRelated([p[0]!]);
    const list = await stored(p[0]!);
    expect(list[0]).toBe(p[1]);
    expect(new Set(list)).toEqual(new Set([p[1], p[2], p[3], p[4]]));
  });

  it("recomputes every list when the taxonomy changes, and when the formula's version differs", async () => {
    const db = testDb();
    const { createdIds } = await storePapers(
      [
        paper(
          "Speculative decoding with draft models",
          "A small draft model proposes tokens that the target verifies.",
        ),
        paper("Faster speculative decoding", "Draft model proposals verified in parallel by the target model."),
        ...filler(10),
      ],
      { related: false },
    );
    const [first, second] = createdIds as [number, number];
    expect(await stored(first)).toEqual([]);

    await db.appState.upsert({
      where: { key: TAXONOMY_VERSION_KEY },
      create: { key: TAXONOMY_VERSION_KEY, value: "an-old-version" },
      update: { value: "an-old-version" },
    });
    await ensureTaxonomy();
    expect((await stored(first))[0]).toBe(second);
    expect((await db.appState.findUniqueOrThrow({ where: { key: RELATED_VERSION_KEY } })).value).toBe(RELATED_VERSION);
    expect(await ensureRelated()).toBeNull();

    await db.paperRelated.deleteMany();
    await db.appState.update({ where: { key: RELATED_VERSION_KEY }, data: { value: "an-old-formula" } });
    expect((await ensureRelated())?.papers).toBe(createdIds.length);
    expect((await stored(second))[0]).toBe(first);
  });

  it("a deleted paper leaves every list it was in", async () => {
    const { createdIds } = await storePapers([
      paper(
        "Retrieval augmented generation for law",
        "Retrieval of statutes grounds the answers of a legal assistant.",
      ),
      paper(
        "Legal retrieval augmented generation",
        "Statutes retrieved for a legal question ground the generated answer.",
      ),
      ...filler(10),
    ]);
    const [law, legal] = createdIds as [number, number];
    expect(await stored(law)).toContain(legal);
    await testDb().paper.delete({ where: { id: legal } });
    expect(await stored(law)).not.toContain(legal);
    expect(await stored(legal)).toEqual([]);
  });

  it("ranks a batch of papers exactly as it ranks each paper alone", async () => {
    // Real abstracts (the demo sample), more than one statement's chunk, so papers ranked in the
    // same statement cannot leak into each other's candidates, weights or positions.
    const parsed = parseJsonLines(await readFile("prisma/seed/hf-daily-papers-sample.jsonl", "utf8"));
    if (!parsed.ok) throw new Error(parsed.error);
    const { createdIds } = await storePapers(parsed.papers.slice(0, 160), { related: false });
    const lists = async () =>
      (await testDb().paperRelated.findMany({ orderBy: [{ paperId: "asc" }, { position: "asc" }] })).map((r) => ({
        ...r,
        score: Math.round(r.score * 1e9) / 1e9,
      }));

    const batch = await computeRelated(createdIds);
    expect(batch.papers).toBe(160);
    const batched = await lists();
    expect(new Set(batched.map((r) => r.paperId)).size).toBeGreaterThan(150);

    await testDb().paperRelated.deleteMany();
    for (const id of createdIds) await computeRelated([id]);
    expect(await lists()).toEqual(batched);
  });
});
