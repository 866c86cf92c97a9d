import { handleOneClickUnsubscribe } from "@/lib/subscriptions/http";

// Reached by POST /unsubscribe?token=… (rewritten here by proxy.ts, so the
// List-Unsubscribe URL itself accepts the one-click POST).
export const dynamic = "force-dynamic";

export async function POST(request: Request): Promise<Response> {
  return handleOneClickUnsubscribe(request);
}
