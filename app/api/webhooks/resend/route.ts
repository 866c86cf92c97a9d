import { handleWebhookEvent, MAX_WEBHOOK_BYTES, verifyWebhook } from "@/lib/digest/webhook";
import { env } from "@/lib/env";
import { readBoundedText } from "@/lib/http/body";
import { log } from "@/lib/log";

export const dynamic = "force-dynamic";

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

export async function POST(request: Request) {
  const secret = env().RESEND_WEBHOOK_SECRET;
  // Fail closed: without a secret nothing can be verified, so nothing is accepted.
  if (!secret) return json(503, { error: "webhooks are not configured" });
  // Bounded while reading, not after: a huge body is refused without being buffered.
  const read = await readBoundedText(request, MAX_WEBHOOK_BYTES);
  if (!read.ok) return json(413, { error: "payload too large" });
  const body = read.text;
  const headers = {
    id: request.headers.get("svix-id"),
    timestamp: request.headers.get("svix-timestamp"),
    signature: request.headers.get("svix-signature"),
  };
  const verified = verifyWebhook(secret, headers, body);
  if (!verified.ok) return json(401, { error: "invalid signature" });
  try {
    const outcome = await handleWebhookEvent(headers.id!, body);
    if (!outcome.ok) return json(400, { error: "invalid payload" });
    return json(200, { received: true, duplicate: outcome.duplicate });
  } catch (error) {
    // Logged, not returned: a 500 makes the provider deliver the event again later.
    log.error("webhook failed", { error });
    return json(500, { error: "internal error" });
  }
}
