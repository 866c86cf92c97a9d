import type { Job } from "@/lib/jobs/scheduler";
import { FREQUENCIES } from "./period";
import { runDigest } from "./run";

// The scheduler asks every minute; runDigest does nothing until a period is due
// and then claims it in the database, so every instance may run this job.
export const digestJob: Job = {
  name: "digest",
  async tick(now: Date) {
    const failures: string[] = [];
    for (const frequency of FREQUENCIES) {
      // One frequency failing (recorded on its run) must not hold back the other.
      const summary = await runDigest({ frequency, now }).catch((error: unknown) => ({
        status: "failed" as const,
        periodKey: "?",
        error: error instanceof Error ? error.message : String(error),
      }));
      if (summary.status === "failed") failures.push(`${frequency} ${summary.periodKey}: ${summary.error}`);
    }
    if (failures.length > 0) throw new Error(failures.join("; "));
  },
};
