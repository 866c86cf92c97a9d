import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { corsPreflight, withCors } from "@/lib/http/cors";
import { renderAtom } from "@/lib/papers/atom";
import { browse } from "@/lib/papers/browse";
import { cachedTopics } from "@/lib/papers/cache";
import { topicNames } from "@/lib/papers/labels";
import { browseQuery, parseBrowseParams } from "@/lib/papers/schema";

// GET /feed.xml with the same parameters as the feed page (and q for a search feed).
// Readable from any origin (lib/http/cors.ts).
export async function GET(request: NextRequest) {
  return withCors(await feed(request));
}

export function OPTIONS() {
  return corsPreflight();
}

async function feed(request: NextRequest) {
  const parsed = parseBrowseParams(request.nextUrl.searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const params = { ...parsed.value, cursor: undefined };
  const result = await browse(params);
  if (!result.ok) return Response.json({ error: result.error }, { status: 400 });
  const appUrl = env().APP_URL;
  const query = browseQuery(params);
  const names = topicNames(params.topic, params.topic.length ? await cachedTopics() : []);
  const topics = names.length ? ` · ${names.join(", ")}` : "";
  const xml = renderAtom({
    title: `Paperboy: ${result.label}${topics}`,
    selfUrl: `${appUrl}/feed.xml${query}`,
    htmlUrl: params.q ? `${appUrl}/search${query}` : `${appUrl}/${query}`,
    appUrl,
    // ISO days sort as strings; the newest one dates the feed.
    updated: `${
      result.papers
        .map((p) => p.featuredOn)
        .sort()
        .at(-1) ?? "1970-01-01"
    }T00:00:00Z`,
    papers: result.papers,
  });
  return new Response(xml, {
    headers: {
      "Content-Type": "application/atom+xml; charset=utf-8",
      "Cache-Control": result.kind === "feed" ? "public, max-age=300, stale-while-revalidate=600" : "no-store",
    },
  });
}
