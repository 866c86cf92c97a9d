// The cron trigger's guard and input. Bearer CRON_SECRET compared in constant
// time; with no secret configured every call is refused (fail closed).
import { z } from "zod";
import { safeEqual } from "@/lib/security/crypto";
import { FREQUENCIES, type Frequency } from "./period";
import type { DigestSummary } from "./run";

export function cronAuthorized(authorization: string | null, secret: string | undefined): boolean {
  if (!secret || !authorization) return false;
  return safeEqual(authorization, `Bearer ${secret}`);
}

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
