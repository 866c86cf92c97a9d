// Resend webhooks (Svix-style signatures): verify, deduplicate on svix-id, and
// suppress subscribers whose address hard-bounced or who complained.
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { readBoundedText } from "@/lib/http/body";
import type { JsonResult } from "@/lib/http/json";
import { log } from "@/lib/log";

/** Svix rejects messages whose timestamp is further than this from now (replay protection). */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;
/** Provider events are small; anything bigger is not one. */
export const MAX_WEBHOOK_BYTES = 256 * 1024;

export type SignatureHeaders = { id: string | null; timestamp: string | null; signature: string | null };

export function signWebhook(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  return `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

export function verifyWebhook(
  secret: string,
  headers: SignatureHeaders,
  body: string,
  now = Date.now(),
): { ok: true } | { ok: false; reason: "missingHeaders" | "badTimestamp" | "badSignature" } {
  const { id, timestamp, signature } = headers;
  if (!id || !timestamp || !signature) return { ok: false, reason: "missingHeaders" };
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now / 1000 - Number(timestamp)) > TIMESTAMP_TOLERANCE_S) {
    return { ok: false, reason: "badTimestamp" };
  }
  const expected = Buffer.from(signWebhook(secret, id, Number(timestamp), body).slice(3), "base64");
  // The header may carry several space-separated signatures (key rotation); one valid v1 is enough.
  for (const entry of signature.split(" ")) {
    const [version, value] = entry.split(",", 2);
    if (version !== "v1" || !value) continue;
    const given = Buffer.from(value, "base64");
    if (given.length === expected.length && timingSafeEqual(given, expected)) return { ok: true };
  }
  return { ok: false, reason: "badSignature" };
}

const eventSchema = z.object({
  type: z.string().min(1).max(100),
  data: z
    .object({
      to: z.union([z.string(), z.array(z.string())]).optional(),
      bounce: z
        .object({ type: z.string().optional(), subType: z.string().optional(), message: z.string().optional() })
        .partial()
        .optional(),
    })
    .passthrough()
    .default({}),
});

export type WebhookOutcome =
  | { ok: true; duplicate: boolean; type: string; suppressed: number }
  | { ok: false; reason: "invalidPayload" };

/** A bounce is permanent unless the provider says otherwise (Resend sends email.bounced for hard bounces). */
function isPermanentBounce(bounce: { type?: string } | undefined): boolean {
  const type = bounce?.type?.toLowerCase();
  return !type || type === "permanent" || type === "hard";
}

/** Handle a verified event body. Dedupe and suppression commit together, so a retried delivery is never lost. */
export async function handleWebhookEvent(svixId: string, body: string): Promise<WebhookOutcome> {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: "invalidPayload" };
  }
  const parsed = eventSchema.safeParse(json);
  if (!parsed.success) return { ok: false, reason: "invalidPayload" };
  const { type, data } = parsed.data;
  const recipients = (typeof data.to === "string" ? [data.to] : (data.to ?? []))
    .map((a) => a.trim().toLowerCase())
    .filter(Boolean);

  let reason: string | null = null;
  if (type === "email.complained") reason = "complained";
  else if (type === "email.bounced" && isPermanentBounce(data.bounce)) {
    reason = `bounced${data.bounce?.subType ? ` (${data.bounce.subType})` : ""}`.slice(0, 200);
  }

  return db().$transaction(async (tx) => {
    const created = await tx.webhookEvent.createMany({
      data: [{ id: svixId.slice(0, 200), type }],
      skipDuplicates: true,
    });
    if (created.count === 0) return { ok: true as const, duplicate: true, type, suppressed: 0 };
    let suppressed = 0;
    if (reason && recipients.length > 0) {
      const result = await tx.subscriber.updateMany({
        where: { email: { in: recipients }, status: { not: "suppressed" } },
        data: { status: "suppressed", suppressedReason: reason },
      });
      suppressed = result.count;
    }
    return { ok: true as const, duplicate: false, type, suppressed };
  });
}

/**
 * POST /api/webhooks/resend: size limit, signature, then the event. Fails
 * closed without RESEND_WEBHOOK_SECRET; a 500 makes the provider deliver the
 * event again later.
 */
export async function handleResendWebhook(request: Request): Promise<JsonResult> {
  const secret = env().RESEND_WEBHOOK_SECRET;
  if (!secret) return { status: 503, body: { error: "webhooks are not configured" } };
  // Bounded while reading, not after: a huge body is refused without being buffered.
  const read = await readBoundedText(request, MAX_WEBHOOK_BYTES);
  if (!read.ok) return { status: 413, body: { error: "payload too large" } };
  const body = read.text;
  const headers = {
    id: request.headers.get("svix-id"),
    timestamp: request.headers.get("svix-timestamp"),
    signature: request.headers.get("svix-signature"),
  };
  const verified = verifyWebhook(secret, headers, body);
  if (!verified.ok) return { status: 401, body: { error: "invalid signature" } };
  try {
    const outcome = await handleWebhookEvent(headers.id!, body);
    if (!outcome.ok) return { status: 400, body: { error: "invalid payload" } };
    return { status: 200, body: { received: true, duplicate: outcome.duplicate } };
  } catch (error) {
    // Logged, not returned: the error text stays on the server.
    log.error("webhook failed", { error });
    return { status: 500, body: { error: "internal error" } };
  }
}
