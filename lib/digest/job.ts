import type { Job } from "../jobs/scheduler";
import { FREQUENCIES } from "./period";
import { runDigest } from "./run";

// The scheduler asks every minute; runDigest does nothing until a period is due
// and then claims it in the database, so every instance may run this job.
export const digestJob: Job = {
  name: "digest",
  async tick(now: Date) {
    for (const frequency of FREQUENCIES) {
      const summary = await runDigest({ frequency, now });
      if (summary.status === "failed") throw new Error(`${frequency} ${summary.periodKey}: ${summary.error}`);
    }
  },
};
