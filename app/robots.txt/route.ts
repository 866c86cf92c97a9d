import { robotsResponse } from "@/lib/seo/sitemap";

export const dynamic = "force-dynamic";

// GET /robots.txt (lib/seo/sitemap.ts): the sitemap's address follows APP_URL, so it is built per request.
export function GET() {
  return robotsResponse();
}
