import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getPapers } from "@/app/api/papers/route";
import { db } from "@/lib/db/client";
import { countSearchTerms, TERM_STATS_KEY } from "@/lib/papers/related";
import { encodeCursor } from "@/lib/papers/schema";
import { EXACT_MAX, MIN_CANDIDATES, POPULAR_CANDIDATES, rankSql, scanWindow, searchPapers } from "@/lib/papers/search";
import { resetDb } from "@/tests/helpers/db";
import { insertPapers, insertTopic } from "@/tests/helpers/papers";

// Search's bounded-cost paths on a table big enough to leave them: 3,000
// papers, 30 a day over 100 days before 2025-03-15 (id 1 the newest). Every
// paper has "alpha" (broad); "beta" the newest half, "gamma" the oldest half
// (never together), "delta" ids above 1,400 (with beta: ids 1,401-1,500),
// "gizmo" every 600th (rare).

const NOW = new Date("2025-03-21T09:00:00Z");
const PAPERS = 3000;

async function seed(first = 1, last = PAPERS) {
  await db().$executeRawUnsafe(
    `INSERT INTO papers (title_key, title, summary, featured_on, source, sources, upvotes, updated_at)
     SELECT 'bulk-' || i, 'Paper ' || i,
            concat_ws(' ', repeat('alpha ', 1 + i % 3), CASE WHEN i <= 1500 THEN 'beta' END,
                      CASE WHEN i > 1500 THEN 'gamma' END, CASE WHEN i > 1400 THEN 'delta' END,
                      CASE WHEN i % 600 = 0 THEN 'gizmo' END, 'filler words'),
            DATE '2025-03-14' - ((i - 1) / 30), 'test', ARRAY['test'], (i * 37) % 250, now()
       FROM generate_series($1::int, $2::int) AS i`,
    first,
    last,
  );
}

async function search(q: string, extra: Partial<Parameters<typeof searchPapers>[0]> = {}) {
  const r = await searchPapers({ q, topic: [], limit: 20, ...extra }, NOW);
  if (!r.ok || r.status !== "results") throw new Error(r.ok ? r.status : r.reason);
  return r;
}

/** Every page of a search, `limit` at a time, with a hook between pages. */
async function allPages(q: string, limit: number, between: (page: number) => Promise<void> = async () => {}) {
  const ids: number[] = [];
  let cursor: string | undefined;
  let page = 0;
  do {
    const r = await search(q, { limit, cursor });
    ids.push(...r.hits.map((h) => h.id));
    cursor = r.nextCursor ?? undefined;
    await between(++page);
  } while (cursor);
  return ids;
}

/** The POPULAR_CANDIDATES most-voted papers, as search reads them. */
const mostVoted = async () =>
  (
    await db().$queryRawUnsafe<{ id: number }[]>(
      `SELECT paper_id AS id FROM paper_rank ORDER BY votes DESC, paper_id LIMIT $1`,
      POPULAR_CANDIDATES,
    )
  ).map((r) => r.id);

const get = (query: string) => getPapers(new NextRequest(`http://localhost/api/papers?${query}`));

describe("search with bounded cost", () => {
  beforeEach(async () => {
    await resetDb();
    await seed();
    await countSearchTerms();
  });

  it("ranks every match of a rare query, however old", async () => {
    const r = await search("gizmo");
    expect(r).toMatchObject({ matched: "all", recent: false, range: null });
    expect(r.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual([600, 1200, 1800, 2400, 3000]);
    expect(EXACT_MAX).toBeLessThan(PAPERS);
  });

  it("ranks a broad query over the newest papers and names the window", async () => {
    const r = await search("alpha");
    expect(r.recent).toBe(true);
    expect(r.range?.to).toBe("2025-03-15");
    expect(r.range!.from > "2024-12-05").toBe(true);
    // Each hit is from the window, or one of the most-voted papers of all time (ranked too).
    const popular = new Set(await mostVoted());
    for (const h of r.hits) expect(h.featuredOn >= r.range!.from || popular.has(h.id)).toBe(true);
    // The window holds at least the candidates it settles for, and only papers of its days.
    const inWindow = await db().$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM papers WHERE featured_on >= $1::date AND featured_on < $2::date`,
      r.range!.from,
      r.range!.to,
    );
    expect(inWindow[0]!.n).toBeGreaterThanOrEqual(MIN_CANDIDATES);
    expect(inWindow[0]!.n).toBeLessThan(PAPERS);
  });

  it("ranks a window read row by row exactly as through the GIN index, without touching the index", async () => {
    const statement = (scan: boolean) =>
      rankSql({
        tsquery: "'alpha' & 'beta'",
        range: { from: "2025-02-20", to: "2025-03-15" },
        topicIds: [],
        windowed: true,
        scan,
        popular: true,
        refDay: "2025-03-21",
        limit: 50,
      });
    const run = async (scan: boolean) => {
      const { text, values } = statement(scan);
      const rows = await db().$queryRawUnsafe<{ id: number; rank: number; candidates: number }[]>(text, ...values);
      return rows.map((r) => [r.id, r.rank, r.candidates]);
    };
    const byRows = await run(true);
    expect(byRows.length).toBe(51);
    expect(byRows).toEqual(await run(false));
    const { text, values } = statement(true);
    const plan = await db().$queryRawUnsafe<Record<string, string>[]>(`EXPLAIN ${text}`, ...values);
    expect(plan.map((r) => Object.values(r)[0]).join("\n")).not.toContain("papers_search_vector_idx");
    // The choice: row by row when the window is small against the query's matches.
    expect(scanWindow(1_000, 200_000)).toBe(true);
    expect(scanWindow(20_000, 3_000)).toBe(false);
  });

  it("pages through the window without duplicates or gaps, even as newer papers arrive", async () => {
    const reference = await search("alpha", { limit: 5000 });
    expect(reference.nextCursor).toBeNull();
    const window = await db().$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM papers WHERE featured_on >= $1::date AND featured_on < $2::date ORDER BY id`,
      reference.range!.from,
      reference.range!.to,
    );
    // The candidates: the window's papers and the most-voted of all time (every paper has "alpha").
    const candidates = [...new Set([...window.map((w) => w.id), ...(await mostVoted())])].sort((a, b) => a - b);
    expect(reference.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual(candidates);
    // Ranked by relevance: text rank times popularity, never increasing down the list.
    const ranks = reference.hits.map((h) => h.rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => b - a));

    const paged = await allPages("alpha", 100, async (page) => {
      // A new day's papers arriving after the first page (ranked last: one "alpha", no votes) stay
      // out of this search's later pages: the window is the first page's.
      if (page === 1)
        await insertPapers(
          Array.from({ length: 40 }, (_, i) => ({
            title: `Newcomer ${i}`,
            summary: "alpha",
            featuredOn: "2025-03-15",
          })),
        );
    });
    expect(paged).toEqual(reference.hits.map((h) => h.id));
    expect(new Set(paged).size).toBe(paged.length);
  });

  it("finds the well-known old paper for a broad query: the most-voted matches are ranked with the window", async () => {
    const [famous] = await insertPapers([
      { title: "Alpha is all you need", summary: "alpha alpha alpha", featuredOn: "2024-06-01", upvotes: 5000 },
    ]);
    const r = await search("alpha");
    expect(r.recent).toBe(true);
    expect(r.range!.from > "2024-06-01").toBe(true);
    expect(r.hits[0]?.id).toBe(famous);
    // Not in a period's search (the period is its own scope) nor among one topic's papers.
    const lastMonth = await search("alpha", { period: "month", date: "2025-03-14" });
    expect(lastMonth.hits.map((h) => h.id)).not.toContain(famous);
  });

  it("sizes a topic's window by the topic's papers and pages through it", async () => {
    // With a topic filter, queries of up to TOPIC_EXACT_MAX matches rank them all: twice the papers.
    await seed(PAPERS + 1, 2 * PAPERS);
    await countSearchTerms();
    const third = Array.from({ length: (2 * PAPERS) / 3 }, (_, i) => 3 * (i + 1));
    await insertTopic("thirds", third);
    const reference = await search("alpha", { topic: ["thirds"], limit: 5000 });
    expect(reference.recent).toBe(true);
    expect(reference.range!.from > "2025-01-01").toBe(true);
    const window = await db().$queryRawUnsafe<{ id: number }[]>(
      `SELECT id FROM papers WHERE featured_on >= $1::date AND featured_on < $2::date AND id % 3 = 0 ORDER BY id`,
      reference.range!.from,
      reference.range!.to,
    );
    expect(window.length).toBeGreaterThanOrEqual(MIN_CANDIDATES);
    expect(reference.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual(window.map((w) => w.id));
    const paged: number[] = [];
    let cursor: string | undefined;
    do {
      const r = await search("alpha", { topic: ["thirds"], limit: 100, cursor });
      paged.push(...r.hits.map((h) => h.id));
      cursor = r.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(reference.hits.map((h) => h.id));
    // A rarer query in the topic ranks all its matches in the topic: "beta" is in 1,500 papers.
    const beta = await search("beta", { topic: ["thirds"], limit: 1000 });
    expect(beta).toMatchObject({ recent: false, range: null });
    expect(beta.hits).toHaveLength(500);
  });

  it("widens the window while it holds too few matches", async () => {
    // beta and delta are each in half the papers; together only in ids 1,401-1,500.
    const r = await search("beta delta", { limit: 200 });
    expect(r).toMatchObject({ matched: "all", recent: false, range: null });
    expect(r.hits.map((h) => h.id).sort((a, b) => a - b)).toEqual(Array.from({ length: 100 }, (_, i) => 1401 + i));
  });

  it("keeps a period's search to the period, ranking it whole", async () => {
    const r = await search("alpha", { period: "week", date: "2025-03-14" });
    expect(r).toMatchObject({ recent: false, range: { from: "2025-03-10", to: "2025-03-17" } });
    const all = await search("alpha", { period: "week", date: "2025-03-14", limit: 1000 });
    expect(all.hits).toHaveLength(150);
  });

  it("puts the more popular of equal text matches first", async () => {
    const [quiet, famous, known] = await insertPapers([
      { title: "Sprocket alignment", summary: "We align sprockets.", featuredOn: "2025-03-01", upvotes: 0 },
      { title: "Sprocket alignment", summary: "We align sprockets.", featuredOn: "2025-03-01", upvotes: 900 },
      { title: "Sprocket alignment", summary: "We align sprockets.", featuredOn: "2025-03-01", upvotes: 30 },
    ]);
    const r = await search("sprocket alignment");
    expect(r.hits.map((h) => h.id)).toEqual([famous, known, quiet]);
    // Popularity is damped: a title match with no votes still beats an abstract-only match with many.
    const [titled] = await insertPapers([{ title: "Gizmo", summary: "", featuredOn: "2025-01-01", upvotes: 0 }]);
    await db().$executeRawUnsafe(`UPDATE papers SET upvotes = 240 WHERE id = 600`);
    const gizmo = await search("gizmo");
    expect(gizmo.hits[0]!.id).toBe(titled);
  });

  it("falls back to any word when no paper has them all, and says so", async () => {
    await insertPapers([{ title: "Sprocket tuning", summary: "sprocket", featuredOn: "2025-03-01" }]);
    const rare = await search("gizmo sprocket");
    expect(rare.matched).toBe("any");
    expect(rare.hits.map((h) => h.title)).toContain("Sprocket tuning");
    expect(rare.hits.some((h) => h.title === "Paper 600")).toBe(true);

    // beta and gamma never meet; any of them is a broad query: a window, paged in any-word mode.
    const broad = await search("beta gamma", { limit: 100 });
    expect(broad).toMatchObject({ matched: "any", recent: true });
    const reference = await search("beta gamma", { limit: 5000 });
    expect(await allPages("beta gamma", 100)).toEqual(reference.hits.map((h) => h.id));

    // A single word (or words already joined by "or") has no any-word form: no results is the answer.
    expect(await search("zebrafish")).toMatchObject({ matched: "all", hits: [] });
    // Excluded words stay excluded.
    const excluding = await search("gizmo sprocket -tuning");
    expect(excluding.matched).toBe("any");
    expect(excluding.hits.map((h) => h.title)).not.toContain("Sprocket tuning");

    const res = await get("q=gizmo+sprocket");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.search).toEqual({ matched: "any", range: null, recent: false });
    expect(body.papers.length).toBeGreaterThan(1);
    const wide = await (await get("q=alpha")).json();
    expect(wide.search).toMatchObject({ matched: "all", recent: true, range: { to: "2025-03-15" } });
  });

  it("answers 400 to cursors that are not from the same search", async () => {
    const cursor = (extra: object) =>
      encodeCursor({ s: "relevance", d: "2025-03-21", k: 0.5, r: 0, i: 10, ...extra } as Parameters<
        typeof encodeCursor
      >[0]);
    for (const bad of [
      "bad",
      encodeCursor({ s: "votes", d: "2025-03-21", k: 3, r: 0, i: 10 }),
      cursor({ w: ["2025-03-14", "2025-03-01"] }),
      cursor({ w: ["2025-03-01"] }),
      cursor({ a: 2 }),
    ]) {
      const res = await get(`q=alpha&cursor=${bad}`);
      expect(res.status).toBe(400);
      expect((await res.json()).error.parameter).toBe("cursor");
    }
    // Any-word mode for a one-word query cannot come from its own first page.
    expect(await searchPapers({ q: "alpha", topic: [], limit: 5, cursor: cursor({ a: 1 }) }, NOW)).toEqual({
      ok: false,
      reason: "badCursor",
    });
    // A well-formed window cursor is answered (whatever it names, at most a capped candidate set is ranked).
    expect((await get(`q=alpha&cursor=${cursor({ w: ["1991-01-01", "2025-03-15"] })}`)).status).toBe(200);
    // ... and never leaves the period asked for.
    const wide = cursor({ k: 1e9, w: ["1991-01-01", "2025-03-15"] });
    const week = await get(`q=alpha&period=week&date=2025-03-14&cursor=${wide}`);
    const { papers } = (await week.json()) as { papers: { featuredOn: string }[] };
    expect(papers.length).toBeGreaterThan(0);
    for (const p of papers) expect(p.featuredOn >= "2025-03-10").toBe(true);
  });

  it("works before term counts exist, counting matches up to the bound instead", async () => {
    await db().$executeRawUnsafe(`DELETE FROM app_state WHERE key = $1`, TERM_STATS_KEY);
    await db().$executeRawUnsafe(`DELETE FROM search_terms`);
    expect(await search("gizmo")).toMatchObject({ recent: false, range: null });
    expect((await search("gizmo")).hits).toHaveLength(5);
    const broad = await search("alpha");
    expect(broad.recent).toBe(true);
    expect(await allPages("alpha", 100)).toEqual((await search("alpha", { limit: 5000 })).hits.map((h) => h.id));
  });
});
