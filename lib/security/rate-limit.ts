import { prisma } from "../db/client";

// Fixed-window rate limiting shared by every app instance, stored in the
// rate_limits table (one row per key).
//
//   const r = await consumeRateLimit(`vote:${voterHash}`, 30, 60_000);
//   if (!r.ok) return 429 with Retry-After: r.retryAfterSeconds
//
// One atomic upsert per call: the first hit of a window inserts (count 1) or
// restarts an expired row; later hits increment. Concurrent callers never lose
// a count, and no lock is held past the statement. Keys are free-form; prefix
// them with the feature ("vote:", "subscribe:") so features don't share budgets.
// Expired rows are harmless; they are reused by the next hit of the same key.

export type RateLimitResult = {
  /** True when this call is within the limit (and was counted). */
  ok: boolean;
  /** Calls left in the current window (0 when limited). */
  remaining: number;
  /** When the current window ends. */
  resetAt: Date;
  /** Whole seconds until the window ends (for a Retry-After header). */
  retryAfterSeconds: number;
};

export async function consumeRateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
  // window_end is a timestamp without time zone holding UTC, like every Prisma DateTime.
  const rows = await prisma().$queryRawUnsafe<{ count: number; windowEnd: Date }[]>(
    `INSERT INTO rate_limits AS r (key, count, window_end)
     VALUES ($1, 1, (now() AT TIME ZONE 'UTC') + $2 * interval '1 millisecond')
     ON CONFLICT (key) DO UPDATE SET
       count = CASE WHEN r.window_end <= (now() AT TIME ZONE 'UTC') THEN 1 ELSE r.count + 1 END,
       window_end = CASE WHEN r.window_end <= (now() AT TIME ZONE 'UTC') THEN EXCLUDED.window_end ELSE r.window_end END
     RETURNING count, window_end AS "windowEnd"`,
    key,
    windowMs,
  );
  const { count, windowEnd } = rows[0]!;
  const resetAt = new Date(windowEnd);
  return {
    ok: count <= limit,
    remaining: Math.max(0, limit - count),
    resetAt,
    retryAfterSeconds: Math.max(1, Math.ceil((resetAt.getTime() - Date.now()) / 1000)),
  };
}
