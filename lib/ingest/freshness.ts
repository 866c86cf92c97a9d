import { db } from "@/lib/db/client";
import { DAY_MS, parseDay, utcDay } from "@/lib/time";

// Whether the papers are current: the feed shows a quiet notice and
// /api/health reports `degraded` when the newest featured day is more than
// STALE_AFTER_DAYS old or the last scheduled ingest failed.

export const STALE_AFTER_DAYS = 2;

export type StaleReason = "oldPapers" | "scheduledIngestFailed";

export type Freshness = {
  /** "YYYY-MM-DD" of the newest featured paper, null without papers. */
  newestDay: string | null;
  /** ISO time the last ingest run that succeeded finished, null when none has. */
  lastSuccessAt: string | null;
  /** ISO time the last scheduled (daily Hugging Face) ingest failed, when it did. */
  scheduledFailedAt: string | null;
  stale: boolean;
  reasons: StaleReason[];
};

/** Plain JSON (ISO strings), so it goes through Next's data cache unchanged. */
export async function dataFreshness(now = new Date()): Promise<Freshness> {
  const [newest, success, scheduled] = await Promise.all([
    db().$queryRawUnsafe<{ day: string | null }[]>(`SELECT max(featured_on)::text AS day FROM papers`),
    db().ingestRun.findFirst({
      where: { status: "completed", finishedAt: { not: null } },
      orderBy: { finishedAt: "desc" },
      select: { finishedAt: true },
    }),
    db().ingestRun.findFirst({
      where: { runKey: { startsWith: "hf-daily:" }, status: { not: "running" } },
      orderBy: { startedAt: "desc" },
      select: { status: true, finishedAt: true, startedAt: true },
    }),
  ]);
  const newestDay = newest[0]?.day ?? null;
  const reasons: StaleReason[] = [];
  if (newestDay && utcDay(now).getTime() - parseDay(newestDay).getTime() > STALE_AFTER_DAYS * DAY_MS)
    reasons.push("oldPapers");
  const failed = scheduled?.status === "failed";
  if (failed) reasons.push("scheduledIngestFailed");
  return {
    newestDay,
    lastSuccessAt: success?.finishedAt?.toISOString() ?? null,
    scheduledFailedAt: failed ? (scheduled.finishedAt ?? scheduled.startedAt).toISOString() : null,
    stale: reasons.length > 0,
    reasons,
  };
}
