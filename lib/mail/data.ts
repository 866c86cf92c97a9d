import { db } from "@/lib/db/client";

/** Newest first; the outbox is a development aid, not an archive. */
export const OUTBOX_PAGE_SIZE = 50;

/** The newest outbox messages, to one recipient when given. */
export async function listOutbox(recipient: string | undefined) {
  return db().outboxMessage.findMany({
    where: recipient ? { to: recipient } : undefined,
    orderBy: { id: "desc" },
    take: OUTBOX_PAGE_SIZE,
  });
}
