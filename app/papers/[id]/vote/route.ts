import { handleVote } from "@/lib/votes/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }): Promise<Response> {
  return handleVote(request, (await params).id);
}
