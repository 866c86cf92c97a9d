import { sitemapPartResponse } from "@/lib/seo/sitemap";

// GET /sitemaps/<n>.xml: a part of the sitemap index (lib/seo/sitemap.ts).
export async function GET(_request: Request, { params }: { params: Promise<{ part: string }> }) {
  return sitemapPartResponse((await params).part);
}
