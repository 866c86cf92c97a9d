// The digest cron route's work (/api/cron/digest): the bearer guard, the
// optional frequency, then each due frequency once per period whoever calls,
// however often.
import { z } from "zod";
import { env } from "@/lib/env";
import { cronAuthorized } from "@/lib/http/cron";
import type { JsonResult } from "@/lib/http/json";
import { log } from "@/lib/log";
import { FREQUENCIES, type Frequency } from "./period";
import { type DigestSummary, runDigest } from "./run";

export const cronQuerySchema = z.object({
  frequency: z.enum(["daily", "weekly"]).optional(),
});

export function frequenciesFor(query: z.infer<typeof cronQuerySchema>): Frequency[] {
  return query.frequency ? [query.frequency] : [...FREQUENCIES];
}

/** What the route tells its caller: counts and status, never internal error text. */
export function publicSummary(summary: DigestSummary) {
  const { error, ...rest } = summary;
  return error ? { ...rest, error: "run failed; see the server log and /api/health" } : rest;
}

/** Runs the requested (default: every) frequency; 500 when any run failed, so the scheduler retries. */
export async function handleDigestCron(authorization: string | null, url: URL): Promise<JsonResult> {
  if (!cronAuthorized(authorization, env().CRON_SECRET)) return { status: 401, body: { error: "unauthorized" } };
  const query = cronQuerySchema.safeParse(Object.fromEntries(url.searchParams));
  if (!query.success)
    return {
      status: 400,
      body: { error: "invalid parameter", parameter: String(query.error.issues[0]?.path[0] ?? "") },
    };
  const results = [];
  for (const frequency of frequenciesFor(query.data)) {
    try {
      results.push(publicSummary(await runDigest({ frequency })));
    } catch (error) {
      log.error("cron digest failed", { job: "digest", frequency, error });
      results.push({ frequency, status: "failed", error: "run failed; see the server log and /api/health" });
    }
  }
  const failed = results.some((r) => r.status === "failed");
  return { status: failed ? 500 : 200, body: { results } };
}
