import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { xmlText } from "@/lib/papers/atom";
import { paperPath } from "@/lib/papers/url";

// sitemap.xml (sitemaps.org 0.9): the site's pages, every topic, every week
// and month that has papers (the feed views), and every paper at its canonical
// URL. A sitemap holds at most 50,000 URLs; beyond that /sitemap.xml is a
// sitemap index of /sitemaps/<n>.xml parts: part 0 holds the pages, topics and
// feed views, parts 1… the papers, 50,000 a part in id order.

export const MAX_SITEMAP_URLS = 50_000;

type Entry = { path: string; lastmod?: string | null };

const STATIC_PATHS = ["/", "/topics", "/subscribe", "/about", "/listing"];

/** The pages, topics and feed views (weeks and months that have papers), with their latest featured day. */
async function siteEntries(): Promise<Entry[]> {
  const [topics, periods] = await Promise.all([
    db().$queryRawUnsafe<{ slug: string; lastmod: string | null }[]>(
      `SELECT t.slug, (SELECT to_char(max(p.featured_on), 'YYYY-MM-DD') FROM paper_topics pt JOIN papers p ON p.id = pt.paper_id
                        WHERE pt.topic_id = t.id) AS lastmod
         FROM topics t ORDER BY t.slug`,
    ),
    db().$queryRawUnsafe<{ period: "week" | "month"; start: string; lastmod: string }[]>(
      `SELECT 'week' AS period, to_char(date_trunc('week', featured_on::timestamp), 'YYYY-MM-DD') AS start,
              to_char(max(featured_on), 'YYYY-MM-DD') AS lastmod
         FROM papers GROUP BY 2
       UNION ALL
       SELECT 'month', to_char(date_trunc('month', featured_on::timestamp), 'YYYY-MM-DD'), to_char(max(featured_on), 'YYYY-MM-DD')
         FROM papers GROUP BY 2
       ORDER BY 1, 2`,
    ),
  ]);
  return [
    ...STATIC_PATHS.map((path) => ({ path })),
    ...topics.map((t) => ({ path: `/topics/${t.slug}`, lastmod: t.lastmod })),
    ...periods.map((p) => ({ path: `/?period=${p.period}&date=${p.start}`, lastmod: p.lastmod })),
  ];
}

async function paperCount(): Promise<number> {
  const rows = await db().$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM papers`);
  return rows[0]?.n ?? 0;
}

/** Papers at their canonical URLs, in id order, from the (offset)th. */
async function paperEntries(offset: number, limit: number): Promise<Entry[]> {
  const rows = await db().$queryRawUnsafe<{ id: number; arxivId: string | null; title: string; lastmod: string }[]>(
    `SELECT id, arxiv_id AS "arxivId", title, to_char(updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS lastmod
       FROM papers ORDER BY id LIMIT $1 OFFSET $2`,
    limit,
    offset,
  );
  return rows.map((r) => ({ path: paperPath(r), lastmod: r.lastmod }));
}

function urlset(appUrl: string, entries: Entry[]): string {
  const urls = entries.map(
    (e) => `  <url><loc>${xmlText(appUrl + e.path)}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}</url>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

function sitemapIndex(appUrl: string, parts: number): string {
  const items = Array.from(
    { length: parts },
    (_, i) => `  <sitemap><loc>${xmlText(`${appUrl}/sitemaps/${i}.xml`)}</loc></sitemap>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${items.join("\n")}\n</sitemapindex>\n`;
}

const xmlResponse = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: {
      "Content-Type": "application/xml; charset=utf-8",
      "Cache-Control": "public, max-age=3600, stale-while-revalidate=86400",
    },
  });

/** /sitemap.xml: every URL when they fit in one sitemap, else the index of the parts. */
export async function sitemapResponse(maxUrls = MAX_SITEMAP_URLS): Promise<Response> {
  const appUrl = env().APP_URL;
  const [site, papers] = await Promise.all([siteEntries(), paperCount()]);
  if (site.length + papers <= maxUrls)
    return xmlResponse(urlset(appUrl, [...site, ...(await paperEntries(0, papers))]));
  return xmlResponse(sitemapIndex(appUrl, 1 + Math.ceil(papers / maxUrls)));
}

/** /sitemaps/<n>.xml: part 0 the pages, topics and feed views; part n ≥ 1 the nth 50,000 papers. */
export async function sitemapPartResponse(segment: string, maxUrls = MAX_SITEMAP_URLS): Promise<Response> {
  const m = /^(0|[1-9]\d{0,5})\.xml$/.exec(segment);
  if (!m) return new Response("Not found", { status: 404 });
  const part = Number(m[1]);
  const appUrl = env().APP_URL;
  if (part === 0) return xmlResponse(urlset(appUrl, await siteEntries()));
  const entries = await paperEntries((part - 1) * maxUrls, maxUrls);
  return entries.length ? xmlResponse(urlset(appUrl, entries)) : new Response("Not found", { status: 404 });
}

/** robots.txt: everything may be crawled but the token pages, the API and the internal routes. */
export function robotsResponse(): Response {
  const appUrl = env().APP_URL;
  const body = [
    "User-agent: *",
    "Allow: /",
    // Token pages (their links are personal) and internal or development routes.
    "Disallow: /confirm",
    "Disallow: /preferences",
    "Disallow: /unsubscribe",
    "Disallow: /dev/",
    "Disallow: /feed/",
    "Disallow: /api/",
    "",
    `Sitemap: ${appUrl}/sitemap.xml`,
    "",
  ].join("\n");
  return new Response(body, {
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "public, max-age=3600" },
  });
}
