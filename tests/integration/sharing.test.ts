import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as getPapers, OPTIONS as papersOptions } from "@/app/api/papers/route";
import { OPTIONS as topicsOptions } from "@/app/api/topics/route";
import { OPTIONS as feedOptions, GET as getFeed } from "@/app/feed.xml/route";
import { GET as getRobots } from "@/app/robots.txt/route";
import { GET as getSitemap } from "@/app/sitemap.xml/route";
import { env } from "@/lib/env";
import { robotsResponse, sitemapPartResponse, sitemapResponse } from "@/lib/seo/sitemap";
import { topicTrends } from "@/lib/topics/data";
import { resetDb } from "@/tests/helpers/db";
import { insertPapers, insertTopic } from "@/tests/helpers/papers";

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));

describe("discoverability and the open read API", () => {
  let ids: number[];
  beforeAll(async () => {
    await resetDb();
    ids = await insertPapers([
      { title: "Quokka Scaling Laws", arxivId: "2608.19880", featuredOn: "2026-08-20" },
      { title: "Croc: Pretraining", featuredOn: "2026-08-10" },
      { title: "Old news", featuredOn: "2026-01-05" },
    ]);
    await insertTopic("quantization", [ids[0]!, ids[1]!]);
  });

  it("robots.txt allows crawling, keeps token pages and the API out, and names the sitemap", async () => {
    const text = await getRobots().text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toMatch(/^Disallow: \/preferences$/m);
    expect(text).toMatch(/^Disallow: \/api\/$/m);
    expect(text).toContain(`Sitemap: ${env().APP_URL}/sitemap.xml`);
  });

  it("sitemap.xml lists pages, topics, feed views and every paper at its canonical URL", async () => {
    const res = await getSitemap();
    expect(res.headers.get("content-type")).toContain("application/xml");
    const xml = await res.text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    const urls = locs(xml).map((u) => u.slice(env().APP_URL.length));
    expect(urls).toEqual(
      expect.arrayContaining([
        "/",
        "/topics",
        "/topics/quantization",
        "/?period=week&date=2026-08-17",
        "/?period=month&date=2026-08-01",
        "/?period=month&date=2026-01-01",
        "/papers/2608.19880",
        `/papers/p-${ids[1]}-croc-pretraining`,
        `/papers/p-${ids[2]}-old-news`,
      ]),
    );
    expect(urls.some((u) => /^\/papers\/\d+$/.test(u))).toBe(false);
  });

  it("beyond the limit, sitemap.xml is an index of parts: pages first, then papers in id order", async () => {
    const index = await (await sitemapResponse(2)).text();
    expect(index).toContain("<sitemapindex");
    expect(locs(index)).toEqual([0, 1, 2].map((n) => `${env().APP_URL}/sitemaps/${n}.xml`));
    expect(locs(await (await sitemapPartResponse("0.xml", 2)).text())).toContain(`${env().APP_URL}/topics`);
    expect(locs(await (await sitemapPartResponse("1.xml", 2)).text())).toEqual([
      `${env().APP_URL}/papers/2608.19880`,
      `${env().APP_URL}/papers/p-${ids[1]}-croc-pretraining`,
    ]);
    expect(locs(await (await sitemapPartResponse("2.xml", 2)).text())).toHaveLength(1);
    expect((await sitemapPartResponse("3.xml", 2)).status).toBe(404);
    expect((await sitemapPartResponse("x.xml", 2)).status).toBe(404);
  });

  it("/api/papers and /feed.xml allow any origin, without credentials, on answers and errors alike", async () => {
    for (const res of [
      await getPapers(new NextRequest("http://localhost/api/papers?q=quokka")),
      await getPapers(new NextRequest("http://localhost/api/papers?period=year")),
      await getFeed(new NextRequest("http://localhost/feed.xml?q=quokka")),
    ]) {
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-credentials")).toBeNull();
    }
  });

  it("OPTIONS preflights are answered 204 with the allowed methods", async () => {
    for (const res of [papersOptions(), topicsOptions(), feedOptions()]) {
      expect(res.status).toBe(204);
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("access-control-allow-methods")).toBe("GET, HEAD, OPTIONS");
    }
  });

  it("topic trends: papers per week over 26 weeks, with all papers and the share", async () => {
    const trends = await topicTrends("2026-08-21");
    const q = trends.get("quantization")!;
    expect(q.weeks).toHaveLength(26);
    expect(q.weeks.at(-1)).toEqual({ week: "2026-08-17", papers: 1, allPapers: 1 });
    expect(q.weeks.at(-2)).toEqual({ week: "2026-08-10", papers: 1, allPapers: 1 });
    expect(q.weeks[0]!.week).toBe("2026-02-23");
    // The January paper is outside the window.
    expect(q.allPapers).toBe(2);
    expect(q.share).toBe(1);
    expect(robotsResponse().status).toBe(200);
  });
});
