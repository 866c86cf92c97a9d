import { db } from "@/lib/db/client";
import { FREQUENCIES, type Frequency } from "./period";

export type RunHealth = {
  periodKey: string;
  status: "running" | "completed" | "failed";
  sent: number;
  skipped: number;
  failed: number;
  retried: number;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  /** True when a failed run's error is recorded (the text stays in the database and the log). */
  hasError: boolean;
};

export type LastRuns = Record<Frequency, RunHealth | null>;

/** The newest run of each frequency, for /api/health. */
export async function lastRuns(): Promise<LastRuns> {
  const entries = await Promise.all(
    FREQUENCIES.map(async (frequency) => {
      const run = await db().digestRun.findFirst({ where: { frequency }, orderBy: { startedAt: "desc" } });
      const health: RunHealth | null = run
        ? {
            periodKey: run.periodKey,
            status: run.status,
            sent: run.sent,
            skipped: run.skipped,
            failed: run.failed,
            retried: run.retried,
            startedAt: run.startedAt.toISOString(),
            finishedAt: run.finishedAt?.toISOString() ?? null,
            durationMs: run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
            hasError: run.error !== null,
          }
        : null;
      return [frequency, health] as const;
    }),
  );
  return Object.fromEntries(entries) as LastRuns;
}
