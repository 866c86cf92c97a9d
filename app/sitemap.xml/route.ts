import { sitemapResponse } from "@/lib/seo/sitemap";

export const dynamic = "force-dynamic";

// GET /sitemap.xml (lib/seo/sitemap.ts).
export async function GET() {
  return sitemapResponse();
}
