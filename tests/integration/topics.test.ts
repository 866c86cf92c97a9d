import { beforeEach, describe, expect, it } from "vitest";
import { importDemoPapers } from "@/lib/ingest/demo";
import { upsertPapers } from "@/lib/ingest/upsert";
import { classify } from "@/lib/topics/classify";
import { listTopics, topicBySlug, topicsOfPaper } from "@/lib/topics/data";
import { ensureTaxonomy, reclassifyAll, syncTopics, TAXONOMY_VERSION_KEY } from "@/lib/topics/mutations";
import { TOPICS } from "@/lib/topics/taxonomy";
import { TAXONOMY_VERSION } from "@/lib/topics/version";
import { resetDb, testDb } from "@/tests/helpers/db";

const paper = (title: string, summary: string, sourceRank = 0) => ({
  arxivId: null,
  title,
  summary,
  authors: [],
  repoUrl: null,
  repoStars: null,
  projectUrl: null,
  publishedAt: null,
  featuredOn: "2025-03-14",
  source: "test",
  sourceRank,
  upvotes: 0,
  keywords: [],
});

describe("topics in the database", () => {
  beforeEach(resetDb);

  it("syncTopics stores the taxonomy and is idempotent", async () => {
    const db = testDb();
    expect(await syncTopics()).toEqual({ created: TOPICS.length, updated: 0, deleted: 0 });
    const first = await db.topic.findMany({ orderBy: { id: "asc" } });
    expect(first.map((t) => t.slug).sort()).toEqual(TOPICS.map((t) => t.slug).sort());
    expect(await syncTopics()).toEqual({ created: 0, updated: 0, deleted: 0 });
    expect(await db.topic.findMany({ orderBy: { id: "asc" } })).toEqual(first);
  });

  it("syncTopics restores edited names and removes topics no longer in the taxonomy, with their links", async () => {
    const db = testDb();
    await syncTopics();
    await db.topic.update({ where: { slug: "lmm" }, data: { name: "Old name" } });
    const gone = await db.topic.create({ data: { slug: "retired-topic", name: "Retired" } });
    const { createdIds } = await upsertPapers([paper("A paper", "Plain text.")]);
    await db.paperTopic.create({ data: { paperId: createdIds[0]!, topicId: gone.id, evidence: ["x"] } });

    expect(await syncTopics()).toEqual({ created: 0, updated: 1, deleted: 1 });
    expect((await db.topic.findUniqueOrThrow({ where: { slug: "lmm" } })).name).toBe("Multimodal LLMs");
    expect(await db.topic.findUnique({ where: { slug: "retired-topic" } })).toBeNull();
    expect(await db.paperTopic.count({ where: { topicId: gone.id } })).toBe(0);
  });

  it("reclassifyAll writes each paper's topics with the evidence and replaces old links", async () => {
    const db = testDb();
    const { createdIds } = await upsertPapers([
      paper("PB-LLM: Partially Binarized Large Language Models", "We study 2-bit quantization of LLMs."),
      paper("Croc: Pretraining Large Multimodal Models", "LMMs see images. Our LMM is strong.", 1),
      paper("A note on gardening", "Nothing about machine learning.", 2),
    ]);
    const summary = await reclassifyAll();
    expect(summary.papers).toBe(3);

    const [pb, croc, garden] = await Promise.all(createdIds.map((id) => topicsOfPaper(id)));
    expect(pb!.find((t) => t.slug === "quantization")?.evidence).toEqual(["Binarized", "2-bit", "quantization"]);
    expect(croc!.find((t) => t.slug === "lmm")?.evidence).toEqual(["Large Multimodal Models", "LMMs", "LMM"]);
    expect(garden).toEqual([]);
    expect(summary.links).toBe(await db.paperTopic.count());

    // A stale link is replaced on reclassification, not added to.
    const lmmId = (await db.topic.findUniqueOrThrow({ where: { slug: "lmm" } })).id;
    await db.paperTopic.create({ data: { paperId: createdIds[2]!, topicId: lmmId, evidence: ["stale"] } });
    await reclassifyAll();
    expect(await topicsOfPaper(createdIds[2]!)).toEqual([]);
  });

  it("importing the demo papers classifies them", async () => {
    const db = testDb();
    await importDemoPapers();
    // The 134 listing papers all have abstracts; the real sample also holds title-only records.
    const listing = (await db.paper.findMany({ where: { arxivId: null }, select: { id: true } })).map((p) => p.id);
    const withTopics = await db.paperTopic.groupBy({ by: ["paperId"], where: { paperId: { in: listing } } });
    expect(withTopics.length).toBeGreaterThan(listing.length * 0.9);
    const lmm = await topicBySlug("lmm");
    expect(lmm.ok && lmm.topic.paperCount).toBeGreaterThanOrEqual(45);
  });

  it("ensureTaxonomy reclassifies every paper when the stored version differs, then does nothing", async () => {
    const db = testDb();
    const { createdIds } = await upsertPapers(
      Array.from({ length: 30 }, (_, i) => paper(`Mixture of experts study ${i}`, "A sparse MoE model.", i)),
    );
    // Links written by an older taxonomy: wrong topic, wrong evidence.
    await syncTopics();
    const ragId = (await db.topic.findUniqueOrThrow({ where: { slug: "rag" } })).id;
    await db.paperTopic.createMany({
      data: createdIds.map((paperId) => ({ paperId, topicId: ragId, evidence: ["old"] })),
    });
    await db.appState.create({ data: { key: TAXONOMY_VERSION_KEY, value: "an-old-version" } });

    const result = await ensureTaxonomy();
    expect(result.reclassified).toEqual({ papers: 30, links: 30 });
    expect((await db.appState.findUniqueOrThrow({ where: { key: TAXONOMY_VERSION_KEY } })).value).toBe(
      TAXONOMY_VERSION,
    );
    const links = await db.paperTopic.findMany({ include: { topic: true } });
    expect(links).toHaveLength(30);
    expect(new Set(links.map((l) => l.topic.slug))).toEqual(new Set(["mixture-of-experts"]));
    expect(links[0]!.evidence).toEqual(classify("Mixture of experts study 0", "A sparse MoE model.")[0]!.evidence);

    expect((await ensureTaxonomy()).reclassified).toBeNull();
  });

  it("ensureTaxonomy classifies everything on a database that never recorded a version", async () => {
    await upsertPapers([paper("Speculative decoding for fast LLM serving", "We cut latency with a draft model.")]);
    const result = await ensureTaxonomy();
    expect(result.topics.created).toBe(TOPICS.length);
    expect(result.reclassified?.papers).toBe(1);
    const listed = await listTopics();
    expect(listed.map((t) => t.slug)).toEqual(TOPICS.map((t) => t.slug));
    expect(listed.find((t) => t.slug === "efficient-inference")?.paperCount).toBe(1);
    expect(listed.find((t) => t.slug === "lmm")?.paperCount).toBe(0);
  });

  it("topicBySlug returns notFound for unknown slugs", async () => {
    await syncTopics();
    expect(await topicBySlug("no-such-topic")).toEqual({ ok: false, reason: "notFound" });
    const found = await topicBySlug("quantization");
    expect(found.ok && found.topic).toMatchObject({ slug: "quantization", name: "Quantization", paperCount: 0 });
  });
});
