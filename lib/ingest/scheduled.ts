import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import type { Job } from "@/lib/jobs/scheduler";
import { log } from "@/lib/log";
import { DAY_MS, isoDate } from "@/lib/time";
import type { FetchOptions } from "./download";
import { fetchHfDailyPapers } from "./fetch-sources";
import { type RunParams, runIngest } from "./run";

// The daily Hugging Face ingest. Every scheduler tick (and the cron route)
// asks; the first one at or after INGEST_HOUR claims today's run through the
// unique run key, so any number of instances ingest once a day. A failed run
// is retried after RETRY_FAILED_AFTER_MS; a run whose process died is taken
// over after STALE_RUN_AFTER_MS.

export const RETRY_FAILED_AFTER_MS = 30 * 60_000;
export const STALE_RUN_AFTER_MS = 2 * 60 * 60_000;

export type ScheduledIngestResult =
  | { status: "skipped"; reason: "beforeHour" | "alreadyClaimed" }
  | {
      status: "completed" | "failed";
      runId: number;
      dates: string[];
      created: number;
      updated: number;
      unchanged: number;
      rejected: number;
    };

/** Yesterday (now complete, with grown upvotes) and today (what is featured so far). */
export function scheduledDates(now: Date): string[] {
  return [isoDate(new Date(now.getTime() - DAY_MS)), isoDate(now)];
}

async function claim(runKey: string, dates: string[], now: Date) {
  const params: RunParams = { key: runKey, dates, done: [], rejections: [] };
  // Most ticks find the day claimed: look first, so they do not burn a sequence value each minute.
  if (!(await db().ingestRun.findUnique({ where: { runKey }, select: { id: true } }))) {
    const inserted = await db().$queryRaw<{ id: number }[]>`
      INSERT INTO ingest_runs (source, run_key, params, started_at)
      VALUES ('hf', ${runKey}, ${JSON.stringify(params)}::jsonb, ${now.toISOString()}::timestamptz AT TIME ZONE 'UTC')
      ON CONFLICT (run_key) DO NOTHING RETURNING id`;
    if (inserted[0]) return { id: inserted[0].id, params };
  }

  // Already claimed today: take it over only if it failed a while ago or its process died.
  const retried = await db().ingestRun.updateMany({
    where: {
      runKey,
      OR: [
        { status: "failed", finishedAt: { lt: new Date(now.getTime() - RETRY_FAILED_AFTER_MS) } },
        { status: "running", startedAt: { lt: new Date(now.getTime() - STALE_RUN_AFTER_MS) } },
      ],
    },
    data: { status: "running", startedAt: now, finishedAt: null, error: null },
  });
  if (retried.count === 0) return null;
  const run = await db().ingestRun.findUniqueOrThrow({ where: { runKey } });
  return { id: run.id, params: run.params as RunParams };
}

export async function runScheduledIngest(
  now: Date,
  options: { baseUrl?: string; hour?: number; force?: boolean; fetch?: FetchOptions } = {},
): Promise<ScheduledIngestResult> {
  const hour = options.hour ?? env().INGEST_HOUR;
  if (!options.force && now.getUTCHours() < hour) return { status: "skipped", reason: "beforeHour" };
  const dates = scheduledDates(now);
  const run = await claim(`hf-daily:${isoDate(now)}`, dates, now);
  if (!run) return { status: "skipped", reason: "alreadyClaimed" };

  const baseUrl = options.baseUrl ?? env().HF_BASE_URL;
  const startedAt = Date.now();
  const report = await runIngest({
    run,
    now: () => new Date(now.getTime() + Date.now() - startedAt),
    units: dates.map((date) => ({
      key: date,
      load: () => fetchHfDailyPapers({ date }, { baseUrl, ...options.fetch }),
    })),
  });
  return {
    status: report.status,
    runId: run.id,
    dates,
    created: report.created,
    updated: report.updated,
    unchanged: report.unchanged,
    rejected: report.rejected.length,
  };
}

export const ingestJob: Job = {
  name: "hf-daily-ingest",
  tick: async (now) => {
    const result = await runScheduledIngest(now);
    if (result.status === "failed") {
      log.error("daily Hugging Face ingest failed; see /api/health", { job: "ingest", runId: result.runId });
    } else if (result.status === "completed") {
      log.info("daily Hugging Face ingest", {
        job: "ingest",
        dates: result.dates,
        created: result.created,
        updated: result.updated,
      });
    }
  },
};
