import { db } from "@/lib/db/client";

// Fixed-window counters in the rate_limits table, so every app instance shares
// them. One atomic upsert per call: concurrent requests can't both read a
// stale count, and an expired window restarts at 1 in the same statement.

export type RateLimitResult = { ok: boolean; remaining: number; retryAfterMs: number };

export async function consumeRateLimit(key: string, limit: number, windowMs: number): Promise<RateLimitResult> {
  const rows = await db().$queryRaw<{ count: number; window_end: Date }[]>`
    INSERT INTO rate_limits (key, count, window_end)
    VALUES (${key}, 1, now() + ${windowMs}::float8 * interval '1 millisecond')
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_end <= now() THEN 1 ELSE rate_limits.count + 1 END,
      window_end = CASE WHEN rate_limits.window_end <= now()
        THEN now() + ${windowMs}::float8 * interval '1 millisecond'
        ELSE rate_limits.window_end END
    RETURNING count, window_end`;
  const row = rows[0]!;
  const count = Number(row.count);
  const ok = count <= limit;
  return {
    ok,
    remaining: Math.max(0, limit - count),
    retryAfterMs: ok ? 0 : Math.max(0, row.window_end.getTime() - Date.now()),
  };
}
