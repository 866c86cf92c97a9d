import { env } from "@/lib/env";
import { cronAuthorized } from "@/lib/http/cron";
import { log } from "@/lib/log";
import { runScheduledIngest } from "./scheduled";

/**
 * The cron route's work: today's scheduled ingest, whatever the hour (the
 * caller's schedule decides when), claimed like the in-process job.
 */
export async function handleIngestCron(authorization: string | null, now = new Date()) {
  if (!cronAuthorized(authorization, env().CRON_SECRET)) {
    return { status: 401, body: { ok: false, error: "unauthorized" } } as const;
  }
  try {
    const result = await runScheduledIngest(now, { force: true });
    return { status: result.status === "failed" ? 502 : 200, body: { ok: result.status !== "failed", ...result } };
  } catch (error) {
    log.error("cron ingest could not run", { job: "ingest", error });
    return { status: 500, body: { ok: false, error: "ingest could not run" } };
  }
}
