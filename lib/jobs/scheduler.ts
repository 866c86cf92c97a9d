// The in-process scheduler that `npm start` runs. Each job's tick is
// idempotent and claims its work in the database (e.g. one digest run per
// frequency and period), so several instances or triggers never do it twice;
// the scheduler only decides when to ask.
import { type Logger, log } from "@/lib/log";

export type Job = {
  name: string;
  /** Called every interval; must be safe to call repeatedly and concurrently. */
  tick: (now: Date) => Promise<void>;
};

export type Scheduler = { stop: () => Promise<void> };

/**
 * A job that does its work at most once per `everyMs` in this process (the
 * first tick runs it). For housekeeping whose work is idempotent, so several
 * instances running it is harmless.
 */
export function periodicJob(name: string, everyMs: number, run: (now: Date) => Promise<void>): Job {
  let lastRun = Number.NEGATIVE_INFINITY;
  return {
    name,
    async tick(now) {
      if (now.getTime() - lastRun < everyMs) return;
      lastRun = now.getTime();
      await run(now);
    },
  };
}

export function startScheduler(jobs: Job[], intervalMs = 60_000, logger: Logger = log): Scheduler {
  let running: Promise<unknown> | undefined;
  let stopped = false;
  const tickAll = () => {
    // One round at a time: while a slow round runs, interval ticks are skipped
    // (not queued), so a long digest batch never builds a backlog of rounds
    // that would all run, and all delay shutdown, once it ends.
    if (stopped || running !== undefined) return;
    running = Promise.all(
      jobs.map((job) =>
        job.tick(new Date()).catch((error: unknown) => {
          // A failing job is logged and recorded by the job itself; it never stops the app.
          logger.error("job failed", { job: job.name, error });
        }),
      ),
    ).finally(() => {
      running = undefined;
    });
  };
  const timer = setInterval(tickAll, intervalMs);
  timer.unref();
  tickAll();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running; // finish the round in flight (e.g. a digest batch) before shutdown
    },
  };
}
