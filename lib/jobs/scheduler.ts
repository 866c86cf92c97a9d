// The in-process scheduler that `npm start` runs. Each job's tick is
// idempotent and claims its work in the database (e.g. one digest run per
// frequency and period), so several instances or triggers never do it twice;
// the scheduler only decides when to ask.

export type Job = {
  name: string;
  /** Called every interval; must be safe to call repeatedly and concurrently. */
  tick: (now: Date) => Promise<void>;
};

export type Scheduler = { stop: () => Promise<void> };

export function startScheduler(jobs: Job[], intervalMs = 60_000, log = console): Scheduler {
  let running: Promise<unknown> = Promise.resolve();
  let stopped = false;
  const tickAll = () => {
    if (stopped) return;
    // One round at a time: a slow round delays the next instead of overlapping it.
    running = running.then(() =>
      Promise.all(
        jobs.map((job) =>
          job.tick(new Date()).catch((error: unknown) => {
            // A failing job is logged and recorded by the job itself; it never stops the app.
            log.error(`[scheduler] ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
          }),
        ),
      ),
    );
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
