import { ImageResponse } from "next/og";
import { PaperShareImage } from "@/components/share-image";
import { cachedPaperLookup, loadPaper } from "@/lib/papers/cache";
import { SHARE_IMAGE, SHARE_IMAGE_HEADERS } from "@/lib/seo/metadata";
import { todayUtc } from "@/lib/time";

// GET /og/papers/<arXiv id or slug>: the paper's share image (lib/seo/metadata.ts).
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const found = await cachedPaperLookup((await params).id);
  const id = found.ok ? found.id : null;
  const data = id === null ? null : await loadPaper(id, todayUtc());
  if (!data) return new Response("Not found", { status: 404 });
  const { paper } = data;
  const share = { ...paper, topics: paper.topics.map((t) => t.name) };
  return new ImageResponse(<PaperShareImage paper={share} />, { ...SHARE_IMAGE, headers: SHARE_IMAGE_HEADERS });
}
