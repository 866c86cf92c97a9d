import { cachedTopics } from "@/lib/papers/cache";

export const dynamic = "force-dynamic";

// GET /api/topics: every topic with its paper count.
export async function GET() {
  const topics = await cachedTopics();
  return Response.json({ topics }, { headers: { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" } });
}
