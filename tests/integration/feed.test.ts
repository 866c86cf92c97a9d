import { beforeEach, describe, expect, it } from "vitest";
import { feedPage, paperById, relatedPapers, topicPage, topicsWithCounts } from "@/lib/papers/data";
import { setVote } from "@/lib/papers/mutations";
import { computeRelated } from "@/lib/papers/related";
import type { Sort } from "@/lib/papers/schema";
import { trendingScore } from "@/lib/papers/score";
import type { PaperListItem } from "@/lib/papers/types";
import { resetDb, testDb } from "@/tests/helpers/db";
import { insertPapers, insertTopic } from "@/tests/helpers/papers";

const NOW = new Date("2025-03-21T09:00:00Z");
const ids = (papers: PaperListItem[]) => papers.map((p) => p.id);

async function allPages(
  query: { period: "day" | "week" | "month"; date: string; topic?: string[]; sort: Sort },
  limit: number,
) {
  const seen: PaperListItem[] = [];
  let cursor: string | undefined;
  for (let guard = 0; guard < 100; guard++) {
    const r = await feedPage({ ...query, topic: query.topic ?? [], cursor, limit }, NOW);
    if (!r.ok) throw new Error(r.reason);
    expect(r.papers.length).toBeLessThanOrEqual(limit);
    seen.push(...r.papers);
    if (!r.nextCursor) return seen;
    cursor = r.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("feed periods and navigation", () => {
  beforeEach(async () => {
    await resetDb();
    await insertPapers([
      { title: "February paper", featuredOn: "2025-02-20" },
      { title: "Early March paper", featuredOn: "2025-03-03" },
      { title: "Monday paper", featuredOn: "2025-03-10" },
      { title: "Friday paper", featuredOn: "2025-03-14" },
      { title: "Sunday paper", featuredOn: "2025-03-16" },
      { title: "Next week paper", featuredOn: "2025-03-20" },
      { title: "April paper", featuredOn: "2025-04-02" },
    ]);
  });

  it("opens on the latest day that has papers", async () => {
    const r = await feedPage({ topic: [], sort: "trending", limit: 50 }, NOW);
    expect(r.ok && r.view).toMatchObject({
      period: "day",
      date: "2025-04-02",
      from: "2025-04-02",
      to: "2025-04-03",
      prevDate: "2025-03-20",
      nextDate: null,
    });
    expect(r.ok && r.papers.map((p) => p.title)).toEqual(["April paper"]);
  });

  it("a week is Monday to Sunday; previous/next skip to the nearest days with papers", async () => {
    const r = await feedPage({ period: "week", date: "2025-03-14", topic: [], sort: "newest", limit: 50 }, NOW);
    if (!r.ok) throw new Error(r.reason);
    expect(r.papers.map((p) => p.title)).toEqual(["Sunday paper", "Friday paper", "Monday paper"]);
    expect(r.view).toMatchObject({
      from: "2025-03-10",
      to: "2025-03-17",
      prevDate: "2025-03-03",
      nextDate: "2025-03-20",
    });
    expect(r.view.label).toContain("2025-W11");
  });

  it("a month is the calendar month", async () => {
    const r = await feedPage({ period: "month", date: "2025-03-14", topic: [], sort: "newest", limit: 50 }, NOW);
    if (!r.ok) throw new Error(r.reason);
    expect(r.papers).toHaveLength(5);
    expect(r.view).toMatchObject({
      from: "2025-03-01",
      to: "2025-04-01",
      prevDate: "2025-02-20",
      nextDate: "2025-04-02",
    });
  });

  it("an empty day still navigates", async () => {
    const r = await feedPage({ period: "day", date: "2025-03-12", topic: [], sort: "trending", limit: 50 }, NOW);
    expect(r.ok && r.papers).toEqual([]);
    expect(r.ok && [r.view.prevDate, r.view.nextDate]).toEqual(["2025-03-10", "2025-03-14"]);
  });
});

describe("feed sorts and keyset pagination", () => {
  let paperIds: number[];
  beforeEach(async () => {
    await resetDb();
    // 60 papers over one week with many equal vote counts and listing ranks: ties everywhere.
    paperIds = await insertPapers(
      Array.from({ length: 60 }, (_, i) => ({
        title: `Paper ${i}`,
        featuredOn: `2025-03-${String(10 + (i % 7)).padStart(2, "0")}`,
        upvotes: (i * 7) % 5,
        sourceRank: i % 4,
      })),
    );
    for (const voter of ["a", "b", "c"]) await setVote(paperIds[5]!, voter);
  });

  it("trending follows lib/papers/score.ts, ties by listing order then id", async () => {
    const r = await feedPage({ period: "week", date: "2025-03-12", topic: [], sort: "trending", limit: 100 }, NOW);
    if (!r.ok) throw new Error(r.reason);
    const rows = await testDb().paper.findMany({ include: { rank: true } });
    const expected = rows
      .map((p) => ({
        id: p.id,
        score: trendingScore({ ...p, localVotes: p.rank!.localVotes }, NOW),
        rank: p.sourceRank,
      }))
      .sort((a, b) => b.score - a.score || a.rank - b.rank || a.id - b.id);
    expect(ids(r.papers)).toEqual(expected.map((e) => e.id));
    for (const p of r.papers) expect(p.score).toBeCloseTo(expected.find((e) => e.id === p.id)!.score, 12);
    // Shown votes include local votes.
    expect(r.papers.find((p) => p.id === paperIds[5])!.upvotes).toBe(((5 * 7) % 5) + 3);
  });

  it("most votes and newest order as documented", async () => {
    const votes = await feedPage({ period: "week", date: "2025-03-12", topic: [], sort: "votes", limit: 100 }, NOW);
    const newest = await feedPage({ period: "week", date: "2025-03-12", topic: [], sort: "newest", limit: 100 }, NOW);
    if (!votes.ok || !newest.ok) throw new Error("feed failed");
    const v = votes.papers;
    for (let i = 1; i < v.length; i++) {
      const [a, b] = [v[i - 1]!, v[i]!];
      expect(
        a.upvotes > b.upvotes ||
          (a.upvotes === b.upvotes && (a.sourceRank < b.sourceRank || (a.sourceRank === b.sourceRank && a.id < b.id))),
      ).toBe(true);
    }
    const n = newest.papers;
    for (let i = 1; i < n.length; i++) expect(n[i - 1]!.featuredOn >= n[i]!.featuredOn).toBe(true);
  });

  it.each(["trending", "votes", "newest"] as const)("pages by %s without gaps or duplicates", async (sort) => {
    const whole = await feedPage({ period: "week", date: "2025-03-12", topic: [], sort, limit: 100 }, NOW);
    if (!whole.ok) throw new Error(whole.reason);
    expect(whole.papers).toHaveLength(60);
    const paged = await allPages({ period: "week", date: "2025-03-12", sort }, 7);
    expect(ids(paged)).toEqual(ids(whole.papers));
    expect(new Set(ids(paged)).size).toBe(60);
  });

  it("rejects unknown topics and cursors from another sort or forged ones", async () => {
    expect(await feedPage({ topic: ["nope"], sort: "trending", limit: 10 }, NOW)).toEqual({
      ok: false,
      reason: "unknownTopic",
      slug: "nope",
    });
    const first = await feedPage({ period: "week", date: "2025-03-12", topic: [], sort: "votes", limit: 10 }, NOW);
    if (!first.ok || !first.nextCursor) throw new Error("no cursor");
    expect(
      await feedPage(
        { period: "week", date: "2025-03-12", topic: [], sort: "newest", limit: 10, cursor: first.nextCursor },
        NOW,
      ),
    ).toEqual({ ok: false, reason: "badCursor" });
    expect(await feedPage({ topic: [], sort: "votes", limit: 10, cursor: "Zm9v" }, NOW)).toEqual({
      ok: false,
      reason: "badCursor",
    });
  });
});

describe("topic filter", () => {
  let p: number[];
  beforeEach(async () => {
    await resetDb();
    p = await insertPapers([
      { title: "Vision LMM", featuredOn: "2025-03-14", sourceRank: 0 },
      { title: "Low-bit LMM", featuredOn: "2025-03-14", sourceRank: 1 },
      { title: "Low-bit only", featuredOn: "2025-03-14", sourceRank: 2 },
      { title: "Neither", featuredOn: "2025-03-14", sourceRank: 3 },
    ]);
    await insertTopic("lmm", [p[0]!, p[1]!], ["vision-language"]);
    await insertTopic("quantization", [p[1]!, p[2]!], ["low-bit"]);
    await insertTopic("agents", []);
  });

  it("one topic, or several meaning any of them, each paper once", async () => {
    const one = await feedPage({ topic: ["lmm"], sort: "trending", limit: 50 }, NOW);
    expect(one.ok && ids(one.papers)).toEqual([p[0], p[1]]);
    const any = await feedPage({ topic: ["lmm", "quantization"], sort: "trending", limit: 50 }, NOW);
    expect(any.ok && ids(any.papers)).toEqual([p[0], p[1], p[2]]);
    const none = await feedPage({ topic: ["agents"], sort: "trending", limit: 50 }, NOW);
    expect(none.ok && none.papers).toEqual([]);
  });

  it("pages filtered by topic without gaps", async () => {
    const paged = await allPages(
      { period: "day", date: "2025-03-14", topic: ["lmm", "quantization"], sort: "trending" },
      1,
    );
    expect(ids(paged)).toEqual([p[0], p[1], p[2]]);
  });

  it("cards carry topic chips; the paper page has the evidence; topics have counts", async () => {
    const r = await feedPage({ topic: [], sort: "trending", limit: 50 }, NOW);
    expect(r.ok && r.papers[1]!.topics).toEqual([
      { slug: "lmm", name: "LMM" },
      { slug: "quantization", name: "QUANTIZATION" },
    ]);
    const detail = await paperById(p[1]!, NOW);
    expect(detail!.topics).toEqual([
      { slug: "lmm", name: "LMM", evidence: ["vision-language"] },
      { slug: "quantization", name: "QUANTIZATION", evidence: ["low-bit"] },
    ]);
    expect(await paperById(999_999, NOW)).toBeNull();
    expect((await topicsWithCounts()).map((t) => [t.slug, t.count]).sort()).toEqual([
      ["agents", 0],
      ["lmm", 2],
      ["quantization", 2],
    ]);
    const page = await topicPage("quantization", 30, NOW);
    expect(page!.topic.count).toBe(2);
    expect(ids(page!.papers)).toEqual([p[1], p[2]]);
    expect(await topicPage("missing", 30, NOW)).toBeNull();
  });
});

describe("related papers", () => {
  beforeEach(resetDb);

  it("prefers shared topics, then similar titles, never the paper itself, at most five", async () => {
    const p = await insertPapers([
      { title: "Sparse mixture of experts routing", featuredOn: "2025-03-14" },
      { title: "Expert routing for sparse models", featuredOn: "2025-03-14" },
      { title: "Mixture of experts at scale", featuredOn: "2025-03-13" },
      { title: "Unrelated diffusion paper", featuredOn: "2025-03-13" },
      ...Array.from({ length: 6 }, (_, i) => ({ title: `Sparse routing study ${i}`, featuredOn: "2025-03-12" })),
    ]);
    await insertTopic("moe", [p[0]!, p[2]!]);
    await computeRelated(p);
    const related = await relatedPapers(p[0]!, NOW);
    expect(related).toHaveLength(5);
    expect(related[0]!.id).toBe(p[2]);
    expect(ids(related)).not.toContain(p[0]);
    expect(ids(related)).not.toContain(p[3]);
  });
});
