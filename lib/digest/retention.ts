import { db } from "@/lib/db/client";
import { periodicJob } from "@/lib/jobs/scheduler";
import { log } from "@/lib/log";
import { DAY_MS, isoDate, utcDay } from "@/lib/time";
import { type DigestPeriod, type Frequency, periodFromKey } from "./period";
import { MAX_LOOKBACK_DAYS } from "./select";

// The digest ledger (deliveries: who was sent which papers in which run) is
// what keeps a subscriber from getting a paper twice, but only for as far back
// as a digest can reach (MAX_LOOKBACK_DAYS). Older deliveries are deleted so
// the table does not grow with every email ever sent. The runs themselves are
// kept (one small row per period): a completed period is never sent again.
// Provider webhook ids are kept long enough to catch any retry of an event.

/** Deliveries of runs for periods older than this are deleted (3x the longest lookback). */
export const DELIVERY_RETENTION_DAYS = 3 * MAX_LOOKBACK_DAYS;
export const WEBHOOK_EVENT_RETENTION_DAYS = 30;
/** app_state key: the day before which deliveries may have been deleted (ISO date). */
export const LEDGER_HORIZON_KEY = "digest_ledger_horizon";

// Small deletes: short transactions (PGlite serves one at a time) and no long locks.
const DELETE_BATCH = 5_000;
const EVERY_MS = 60 * 60 * 1000;

export type PruneSummary = { deliveriesDeleted: number; webhookEventsDeleted: number; horizon: string };

export async function pruneDigestRecords(now: Date): Promise<PruneSummary> {
  const horizon = new Date(utcDay(now).getTime() - DELIVERY_RETENTION_DAYS * DAY_MS);
  // The horizon is recorded before anything is deleted, so a digest starting meanwhile already
  // refuses a period whose "already sent" check would reach behind it.
  const stored = await ledgerHorizon();
  const key = isoDate(horizon);
  if (!stored || stored < horizon) {
    await db().appState.upsert({
      where: { key: LEDGER_HORIZON_KEY },
      create: { key: LEDGER_HORIZON_KEY, value: key },
      update: { value: key },
    });
  }

  const runs = await db().digestRun.findMany({
    where: { status: { not: "running" } },
    select: { id: true, frequency: true, periodKey: true },
  });
  const old = runs
    .filter((r) => (periodFromKey(r.frequency, r.periodKey, 0)?.day ?? horizon) < horizon)
    .map((r) => r.id);
  let deliveriesDeleted = 0;
  while (old.length > 0) {
    const deleted = await db().$executeRaw`
      DELETE FROM deliveries WHERE id IN (
        SELECT id FROM deliveries WHERE run_id = ANY(${old}::int[]) LIMIT ${DELETE_BATCH})`;
    deliveriesDeleted += deleted;
    if (deleted < DELETE_BATCH) break;
  }

  const events = await db().webhookEvent.deleteMany({
    where: { receivedAt: { lt: new Date(now.getTime() - WEBHOOK_EVENT_RETENTION_DAYS * DAY_MS) } },
  });
  return { deliveriesDeleted, webhookEventsDeleted: events.count, horizon: key };
}

/** The day before which deliveries may have been deleted, or null when none ever were. */
export async function ledgerHorizon(): Promise<Date | null> {
  const row = await db().appState.findUnique({ where: { key: LEDGER_HORIZON_KEY } });
  return row ? new Date(`${row.value}T00:00:00Z`) : null;
}

/**
 * Why a period can no longer be sent, or null when it can: its "already sent"
 * check reads the deliveries of the MAX_LOOKBACK_DAYS before it, and those
 * must not have been deleted.
 */
export async function tooOldToSend(
  period: Pick<DigestPeriod, "day" | "key"> & { frequency: Frequency },
): Promise<string | null> {
  const horizon = await ledgerHorizon();
  if (!horizon || period.day.getTime() - MAX_LOOKBACK_DAYS * DAY_MS >= horizon.getTime()) return null;
  return (
    `the ${period.frequency} digest for ${period.key} is too old to send: the record of what was sent before it ` +
    `is kept ${DELIVERY_RETENTION_DAYS} days (deleted before ${isoDate(horizon)})`
  );
}

/** Hourly; deletes are idempotent, so several instances running it is harmless. */
export const digestRetentionJob = periodicJob("digest-retention", EVERY_MS, async (now) => {
  const result = await pruneDigestRecords(now);
  if (result.deliveriesDeleted || result.webhookEventsDeleted) log.info("digest retention", result);
});
