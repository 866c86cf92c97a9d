import "server-only";
import { env } from "@/lib/env";
import { todayUtc } from "@/lib/time";
import type { TopicTrend } from "@/lib/topics/trend";
import { cachedTopics, cachedTopicTrends } from "./cache";

// The public JSON shape of GET /api/topics.

export type ApiTopic = {
  slug: string;
  name: string;
  description: string;
  /** The topic's page. */
  url: string;
  /** Papers in the topic, all time. */
  count: number;
  /** Papers per week over the last 26 weeks (ending with the week of the latest featured day). */
  trend: TopicTrend | null;
};

export async function topicsResponse(): Promise<Response> {
  const [topics, trends] = await Promise.all([cachedTopics(), cachedTopicTrends(todayUtc())]);
  const appUrl = env().APP_URL;
  const body: { topics: ApiTopic[] } = {
    topics: topics.map((t) => ({ ...t, url: `${appUrl}/topics/${t.slug}`, trend: trends[t.slug] ?? null })),
  };
  return Response.json(body, { headers: { "Cache-Control": "public, max-age=60, stale-while-revalidate=300" } });
}
