import { handleNewVoter, handleVotedIds } from "@/lib/votes/http";

export const dynamic = "force-dynamic";

export async function GET(request: Request): Promise<Response> {
  return handleVotedIds(request);
}

export async function POST(request: Request): Promise<Response> {
  return handleNewVoter(request);
}
