import { ImageResponse } from "next/og";
import { TopicShareImage } from "@/components/share-image";
import { cachedTopicTrends, loadTopicPage } from "@/lib/papers/cache";
import { topicSlug } from "@/lib/papers/schema";
import { SHARE_IMAGE, SHARE_IMAGE_HEADERS } from "@/lib/seo/metadata";
import { todayUtc } from "@/lib/time";
import { formatShare } from "@/lib/topics/trend";

// GET /og/topics/<slug>: the topic's share image, its last 26 weeks as bars.
export async function GET(_request: Request, { params }: { params: Promise<{ slug: string }> }) {
  const slug = topicSlug.safeParse((await params).slug);
  const today = todayUtc();
  const [data, trends] = slug.success
    ? await Promise.all([loadTopicPage(slug.data, today), cachedTopicTrends(today)])
    : [null, {}];
  const trend = data ? trends[data.topic.slug] : undefined;
  if (!data || !trend) return new Response("Not found", { status: 404 });
  const topic = {
    name: data.topic.name,
    count: data.topic.count,
    weeks: trend.weeks,
    shareLabel: formatShare(trend.recentShare),
    direction: trend.direction,
  };
  return new ImageResponse(<TopicShareImage topic={topic} />, { ...SHARE_IMAGE, headers: SHARE_IMAGE_HEADERS });
}
