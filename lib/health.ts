import { db } from "@/lib/db/client";
import { type LastRuns, lastRuns } from "./digest/health";
import { dataFreshness, type Freshness, type StaleReason } from "./ingest/freshness";
import { type LastIngestRun, lastIngestRun } from "./ingest/health";
import { log } from "./log";

export type Health = {
  /**
   * ok; degraded: the site works but its papers are out of date (`reasons`), still HTTP 200;
   * down: the database does not answer (HTTP 503).
   */
  status: "ok" | "degraded" | "down";
  /** Why the status is degraded. */
  reasons?: StaleReason[];
  app: "ok";
  database: { status: "ok" | "down"; papers?: number };
  /** The latest ingest run: a failed one is visible here but never marks the site down. */
  ingest?: { lastRun: LastIngestRun | null };
  /** The last digest run per frequency (a failed one is visible here). */
  digest?: LastRuns;
  /** The newest featured day, the last successful ingest and a failed scheduled one. */
  data?: Omit<Freshness, "reasons" | "stale">;
};

export async function checkHealth(now = new Date()): Promise<Health> {
  try {
    const papers = await db().paper.count();
    const { stale, reasons, ...data } = await dataFreshness(now);
    return {
      status: stale ? "degraded" : "ok",
      ...(stale ? { reasons } : {}),
      app: "ok",
      database: { status: "ok", papers },
      ingest: { lastRun: await lastIngestRun() },
      digest: await lastRuns(),
      data,
    };
  } catch (error) {
    // The cause goes to the server log, never to the client.
    log.error("health: database check failed", { error });
    return { status: "down", app: "ok", database: { status: "down" } };
  }
}
