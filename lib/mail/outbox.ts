import { prisma } from "../db/client";
import type { MailMessage, MailTransport, SendResult } from "./types";

// The development transport: messages are stored in the database and shown at
// /dev/outbox instead of being delivered.
export function outboxTransport(from: string): MailTransport {
  return {
    name: "outbox",
    async send(message: MailMessage): Promise<SendResult> {
      const row = await prisma().outboxMessage.create({
        data: {
          to: message.to,
          from,
          subject: message.subject,
          html: message.html,
          text: message.text,
          headers: message.headers ?? {},
        },
      });
      return { ok: true, id: `outbox-${row.id}` };
    },
  };
}
