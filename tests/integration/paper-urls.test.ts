import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getPapers } from "@/app/api/papers/route";
import { GET as getFeed } from "@/app/feed.xml/route";
import { lookupPaper, paperNamedBy } from "@/lib/papers/data";
import { resetDb } from "@/tests/helpers/db";
import { insertPapers } from "@/tests/helpers/papers";

// Canonical paper URLs (lib/papers/url.ts): /papers/<arXiv id>, or a row-id
// slug without one; every other name for a paper moves (308) to it. The page
// itself is covered against the running app in tests/e2e/sharing.spec.ts.
describe("paper URLs", () => {
  let withId: number;
  let withoutId: number;
  beforeAll(async () => {
    await resetDb();
    [withId = 0, withoutId = 0] = await insertPapers([
      { title: "Quokka Scaling Laws", arxivId: "2608.19880", featuredOn: "2026-08-20" },
      { title: "Croc: Pretraining Large Multimodal Models", featuredOn: "2025-03-14" },
    ]);
  });

  it("the arXiv id is the canonical name; the row id and a versioned id move to it", async () => {
    expect(await lookupPaper("2608.19880")).toEqual({ ok: true, id: withId });
    expect(await lookupPaper(String(withId))).toEqual({ ok: false, reason: "moved", path: "/papers/2608.19880" });
    expect(await lookupPaper("2608.19880v2")).toEqual({ ok: false, reason: "moved", path: "/papers/2608.19880" });
    expect(await lookupPaper(`p-${withId}-quokka-scaling-laws`)).toEqual({
      ok: false,
      reason: "moved",
      path: "/papers/2608.19880",
    });
  });

  it("a paper without an id has a stable slug; the row id and an outdated slug move to it", async () => {
    const canonical = `/papers/p-${withoutId}-croc-pretraining-large-multimodal-models`;
    expect(await lookupPaper(canonical.slice(8))).toEqual({ ok: true, id: withoutId });
    expect(await lookupPaper(String(withoutId))).toEqual({ ok: false, reason: "moved", path: canonical });
    expect(await lookupPaper(`p-${withoutId}-old-title`)).toEqual({ ok: false, reason: "moved", path: canonical });
  });

  it("unknown ids and junk are not found", async () => {
    for (const segment of ["2608.00001", "99999", "p-99999-x", "abc", ""]) {
      expect(await lookupPaper(segment)).toEqual({ ok: false, reason: "notFound" });
    }
  });

  it("search recognises ids and arXiv / Hugging Face links", async () => {
    for (const q of ["2608.19880", "https://arxiv.org/abs/2608.19880v3", "https://huggingface.co/papers/2608.19880"]) {
      expect(await paperNamedBy(q)).toEqual({ arxivId: "2608.19880", path: "/papers/2608.19880" });
    }
    expect(await paperNamedBy("2608.00001")).toEqual({ arxivId: "2608.00001", path: null });
    expect(await paperNamedBy("quokka")).toBeNull();
  });

  it("the API and the feed find a paper by id or link and give its canonical URL", async () => {
    const res = await getPapers(
      new NextRequest(
        `http://localhost/api/papers?q=${encodeURIComponent("https://huggingface.co/papers/2608.19880")}`,
      ),
    );
    expect(res.status).toBe(200);
    const body = (await res.json()) as { papers: { id: number; url: string }[] };
    expect(body.papers.map((p) => p.id)).toEqual([withId]);
    expect(body.papers[0]!.url).toMatch(/\/papers\/2608\.19880$/);

    const feed = await (await getFeed(new NextRequest("http://localhost/feed.xml?q=2608.19880"))).text();
    expect(feed).toMatch(/<id>[^<]*\/papers\/2608\.19880<\/id>/);
  });
});
