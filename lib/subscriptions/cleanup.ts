import { db } from "@/lib/db/client";
import { periodicJob } from "@/lib/jobs/scheduler";
import { log } from "@/lib/log";
import { DAY_MS } from "@/lib/time";

// Housekeeping for subscriptions (run by `npm start`'s scheduler, so no
// "server-only" here): an address that never confirmed is not kept, and
// expired rate-limit windows don't pile up.

/** A pending address is forgotten a week after its confirmation link expired. */
export const PENDING_RETENTION_MS = 7 * DAY_MS;
const EVERY_MS = 60 * 60 * 1000;

export async function cleanupSubscriptions(
  now = new Date(),
): Promise<{ pendingDeleted: number; rateLimitsDeleted: number }> {
  const pending = await db().subscriber.deleteMany({
    where: { status: "pending", confirmTokenExpires: { lt: new Date(now.getTime() - PENDING_RETENTION_MS) } },
  });
  const limits = await db().rateLimit.deleteMany({ where: { windowEnd: { lt: now } } });
  return { pendingDeleted: pending.count, rateLimitsDeleted: limits.count };
}

/** Hourly; the deletes are idempotent, so several instances running it is harmless. */
export const subscriptionCleanupJob = periodicJob("subscription-cleanup", EVERY_MS, async (now) => {
  const result = await cleanupSubscriptions(now);
  if (result.pendingDeleted || result.rateLimitsDeleted) {
    log.info("subscription cleanup", {
      pendingDeleted: result.pendingDeleted,
      rateLimitsDeleted: result.rateLimitsDeleted,
    });
  }
});
