import { corsPreflight, withCors } from "@/lib/http/cors";
import { topicsResponse } from "@/lib/papers/topics-api";

export const dynamic = "force-dynamic";

// GET /api/topics: every topic with its paper count and papers per week over
// the last 26 weeks. Readable from any origin (lib/http/cors.ts).
export async function GET() {
  return withCors(await topicsResponse());
}

export function OPTIONS() {
  return corsPreflight();
}
