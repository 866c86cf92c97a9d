import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { corsPreflight, withCors } from "@/lib/http/cors";
import { toApiPaper } from "@/lib/papers/api";
import { browse } from "@/lib/papers/browse";
import { parseBrowseParams } from "@/lib/papers/schema";

// GET /api/papers?period=&date=&topic=&topic=&q=&sort=&cursor=&limit=
// Same parameters and numbers as the pages. 400 names the bad parameter.
// Readable from any origin (lib/http/cors.ts).
export async function GET(request: NextRequest) {
  return withCors(await papers(request));
}

export function OPTIONS() {
  return corsPreflight();
}

async function papers(request: NextRequest) {
  const parsed = parseBrowseParams(request.nextUrl.searchParams);
  if (!parsed.ok) return Response.json({ error: parsed.error }, { status: 400 });
  const result = await browse(parsed.value, { liveCounts: true });
  if (!result.ok) return Response.json({ error: result.error }, { status: 400 });
  const appUrl = env().APP_URL;
  return Response.json(
    {
      papers: result.papers.map((p) => toApiPaper(p, appUrl)),
      nextCursor: result.nextCursor,
      // A search says what it covered: any of the words (none has all), only the newest papers.
      ...(result.search ? { search: result.search } : {}),
    },
    {
      headers: {
        // Feed views change only when data does; search stays live.
        "Cache-Control": result.kind === "feed" ? "public, max-age=60, stale-while-revalidate=300" : "no-store",
      },
    },
  );
}
