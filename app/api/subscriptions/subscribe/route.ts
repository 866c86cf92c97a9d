import { handleSubscribe } from "@/lib/subscriptions/http";

export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleSubscribe(request);
}
