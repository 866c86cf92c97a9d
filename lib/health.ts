import { db } from "@/lib/db/client";
import { type LastRuns, lastRuns } from "./digest/health";
import { type LastIngestRun, lastIngestRun } from "./ingest/health";
import { log } from "./log";

export type Health = {
  status: "ok" | "degraded";
  app: "ok";
  database: { status: "ok" | "down"; papers?: number };
  /** The latest ingest run: a failed one is visible here but never marks the site down. */
  ingest?: { lastRun: LastIngestRun | null };
  /** The last digest run per frequency (a failed one is visible here). */
  digest?: LastRuns;
};

export async function checkHealth(): Promise<Health> {
  try {
    const papers = await db().paper.count();
    return {
      status: "ok",
      app: "ok",
      database: { status: "ok", papers },
      ingest: { lastRun: await lastIngestRun() },
      digest: await lastRuns(),
    };
  } catch (error) {
    // The cause goes to the server log, never to the client.
    log.error("health: database check failed", { error });
    return { status: "degraded", app: "ok", database: { status: "down" } };
  }
}
