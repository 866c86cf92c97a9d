import { cookies } from "next/headers";
import type { NextRequest } from "next/server";
import { votedPaperIds } from "@/lib/papers/data";
import { VOTER_COOKIE, verifyVoterCookie, voterHash } from "@/lib/papers/voter";

const MAX_IDS = 200;

// GET /api/votes?ids=1,2,3 -> { voted: [ids this browser voted for] }. Private
// and uncached: the shared, cached pages never contain per-browser state.
export async function GET(request: NextRequest) {
  const raw = request.nextUrl.searchParams.get("ids") ?? "";
  const ids = raw.split(",").filter(Boolean);
  if (ids.length > MAX_IDS || !ids.every((v) => /^[1-9]\d{0,9}$/.test(v) && Number(v) <= 2_147_483_647)) {
    return Response.json(
      { error: { parameter: "ids", message: `must be up to ${MAX_IDS} comma-separated paper ids` } },
      { status: 400 },
    );
  }
  const voterId = verifyVoterCookie((await cookies()).get(VOTER_COOKIE)?.value);
  const voted = voterId ? await votedPaperIds(voterHash(voterId), ids.map(Number)) : [];
  return Response.json({ voted }, { headers: { "Cache-Control": "private, no-store" } });
}
