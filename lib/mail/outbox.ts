import { db } from "@/lib/db/client";
import type { BatchSendResult, MailMessage, MailTransport, SendResult } from "./types";

// The development transport: messages are stored in the database and shown at
// /dev/outbox instead of being delivered.
export function outboxTransport(from: string): MailTransport {
  const row = (message: MailMessage) => ({
    to: message.to,
    from,
    subject: message.subject,
    html: message.html,
    text: message.text,
    headers: message.headers ?? {},
  });
  return {
    name: "outbox",
    async send(message: MailMessage): Promise<SendResult> {
      const created = await db().outboxMessage.create({ data: row(message) });
      return { ok: true, id: `outbox-${created.id}` };
    },
    async sendBatch(messages: MailMessage[]): Promise<BatchSendResult> {
      // One transaction: the batch is stored whole or not at all, like the provider's batch call.
      const created = await db().$transaction(
        messages.map((m) => db().outboxMessage.create({ data: row(m), select: { id: true } })),
      );
      return { ok: true, ids: created.map((c) => `outbox-${c.id}`) };
    },
  };
}
