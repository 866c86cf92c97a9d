import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { safeEqual } from "@/lib/security/crypto";
import { runScheduledIngest } from "./scheduled";

/** Bearer CRON_SECRET, compared in constant time; no secret configured means no access. */
export function isCronAuthorized(authorization: string | null, secret: string | undefined): boolean {
  if (!secret) return false;
  return safeEqual(authorization ?? "", `Bearer ${secret}`);
}

/**
 * The cron route's work: today's scheduled ingest, whatever the hour (the
 * caller's schedule decides when), claimed like the in-process job.
 */
export async function handleIngestCron(authorization: string | null, now = new Date()) {
  if (!isCronAuthorized(authorization, env().CRON_SECRET)) {
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
