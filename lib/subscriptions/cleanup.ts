import { prisma } from "../db/client";
import type { Job } from "../jobs/scheduler";

// Housekeeping for subscriptions (run by `npm start`'s scheduler, so no
// "server-only" here): an address that never confirmed is not kept, and
// expired rate-limit windows don't pile up.

/** A pending address is forgotten a week after its confirmation link expired. */
export const PENDING_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const EVERY_MS = 60 * 60 * 1000;

export async function cleanupSubscriptions(now = new Date()): Promise<{ pendingDeleted: number; rateLimitsDeleted: number }> {
  const db = prisma();
  const pending = await db.subscriber.deleteMany({
    where: { status: "pending", confirmTokenExpires: { lt: new Date(now.getTime() - PENDING_RETENTION_MS) } },
  });
  const limits = await db.rateLimit.deleteMany({ where: { windowEnd: { lt: now } } });
  return { pendingDeleted: pending.count, rateLimitsDeleted: limits.count };
}

let lastRun = 0;

/** Hourly; the deletes are idempotent, so several instances running it is harmless. */
export const subscriptionCleanupJob: Job = {
  name: "subscription-cleanup",
  async tick(now) {
    if (now.getTime() - lastRun < EVERY_MS) return;
    lastRun = now.getTime();
    const result = await cleanupSubscriptions(now);
    if (result.pendingDeleted || result.rateLimitsDeleted) {
      console.log(`[subscriptions] cleanup: ${result.pendingDeleted} unconfirmed addresses, ${result.rateLimitsDeleted} expired rate-limit windows`);
    }
  },
};
